import { moveInSeparateLayer } from '../../server/src/rules/moveInSeparateLayer';
import { testRule } from '../support/ruleTester';

testRule(moveInSeparateLayer, {
  valid: [
    { name: 'a mv in the RUN that builds what it moves', code: 'FROM debian\nRUN make -C /src && mkdir -p /opt/tool && mv /src/out /opt/tool/bin\n' },
    { name: 'one file with an extension, such as a note or a config, costs next to nothing to store twice', code: "FROM debian\nRUN echo 'v1' > /munge-version-info.txt\nRUN mv /munge-version-info.txt /opt/docker-recipes/\n" },
    { name: 'moving what the same RUN made', code: 'FROM debian\nRUN mkdir -p /tmp/stage/bin && mv /tmp/stage/bin /opt/bin\n' },
    { name: 'a builder stage only copied from', code: 'FROM debian AS build\nRUN make -C /src\nRUN mv /src/out /opt/out\nFROM debian\nCOPY --from=build /opt/out /opt/out\n' },
    { name: "a rename in place sets a program or a link aside (the corpus's OpenFOAM images and ROCm tools)", code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y bash\nRUN /bin/mv /bin/sh /bin/sh.original && /bin/ln -s /bin/bash /bin/sh\nRUN cd /opt/rocm/bin && mv amdgpu-arch amdgpu-arch.old\n' },
    { name: 'a mv with no operand, or one, moves nothing', code: 'FROM debian\nRUN make -C /src\nRUN mv && mv /src/out\n' },
    { name: 'exec form runs no shell', code: 'FROM debian\nRUN ["mv", "/src/out", "/opt/out"]\n' },
  ],
  invalid: [
    {
      name: "built programs moved into place in a later RUN, beside an rm of the build tree (the corpus's NAMD image)",
      code: 'FROM ubuntu:24.04\nWORKDIR /tmp/namd-build/NAMD_3.0.1_Source\nRUN ./config Linux-x86_64-g++ && cd Linux-x86_64-g++ && gmake -j4\nRUN mkdir -p /opt/namd \\\n    && mv ./Linux-x86_64-g++ /opt/namd/bin \\\n    && mv ./license.txt /opt/namd/ \\\n    && rm -fr /tmp/namd-build\n',
      errors: [{ text: 'mv ./Linux-x86_64-g++ /opt/namd/bin', messageId: 'separate', severity: 'warning', message: "'mv ./Linux-x86_64-g++ /opt/namd/bin' moves files that an earlier layer holds" }],
      output: null,
    },
    {
      name: "libraries and programs moved by glob (the corpus's swak4Foam image), and an ONBUILD RUN",
      code: 'FROM ubuntu:22.04\nRUN ./Allwmake\nRUN mv /home/of/lib/* /opt/of/lib/ && mv -t /opt/of/bin /home/of/bin/ && mv --target-directory=/opt/of/share /home/of/share\nONBUILD RUN mv /build/dist /app/dist\n',
      errors: [{ text: 'mv /home/of/lib/* /opt/of/lib/' }, { text: 'mv -t /opt/of/bin /home/of/bin/' }, { text: 'mv --target-directory=/opt/of/share /home/of/share' }, { text: 'mv /build/dist /app/dist' }],
      output: null,
    },
  ],
});
