import { permissionsInSeparateLayer } from '../../server/src/rules/permissionsInSeparateLayer';
import { testRule } from '../support/ruleTester';

testRule(permissionsInSeparateLayer, {
  valid: [
    { name: 'chmod in the RUN that makes the files', code: 'FROM debian\nRUN mkdir -p /opt/app && cp -r /tmp/src/. /opt/app && chmod -R a+rX /opt/app\n' },
    { name: 'a chmod that is not recursive: one file, such as an entrypoint', code: 'FROM debian\nCOPY entrypoint.sh /\nRUN chmod +x /entrypoint.sh\n' },
    { name: "chmod's mode -r (read off), which is no recursion", code: 'FROM debian\nRUN chmod -r /etc/secret\n' },
    { name: 'a builder stage only copied from', code: 'FROM debian AS build\nRUN make -C /src\nRUN chmod -R 755 /src/out\nFROM debian\nCOPY --from=build /src/out /opt/out\n' },
    { name: 'a chmod -R of a folder the same RUN makes copies nothing', code: 'FROM debian\nRUN mkdir -p /data/cache && chmod -R 777 /data/cache\n' },
    { name: "a chmod -R of the folder a mkdir -p makes below it: likely new too (the corpus's OpenFOAM user folders)", code: 'FROM ubuntu:22.04\nARG OFUSERDIR=/home/ofuser/OpenFOAM\nRUN mkdir -p ${OFUSERDIR}/ofuser-10 && chmod -R 777 ${OFUSERDIR}\n' },
    { name: "a mkdir and a chmod -R with different variables may name one new tree (the corpus's CFDEM image)", code: 'FROM ubuntu:22.04\nARG USERDIR=/home/ofuser/CFDEM\nENV PROJECT_DIR=$USERDIR/ofuser-1\nRUN mkdir -p ${PROJECT_DIR} && chmod -R 777 ${USERDIR}\n' },
    { name: 'a RUN that also makes files (a download) changes them in its own layer', code: 'FROM debian\nRUN wget -q https://example.org/x.tgz && chmod -R 755 /opt\n' },
    { name: 'COPY --chmod, which sets the mode as the files are written', code: 'FROM debian\nCOPY --chmod=755 bin/ /opt/bin/\n' },
  ],
  invalid: [
    {
      name: "a chmod -R of an install tree in a RUN of its own (the corpus's OpenFOAM images)",
      code: 'FROM ubuntu:22.04\nARG OFINSTDIR=/opt/OpenFOAM\nRUN cd $OFINSTDIR && ./Allwmake\nRUN chmod -R 777 $OFINSTDIR\n',
      errors: [{ text: 'chmod -R 777 $OFINSTDIR', messageId: 'separate', severity: 'warning', message: "'chmod -R 777 $OFINSTDIR'" }],
      output: null,
    },
    {
      name: 'chown -R of copied files after the COPY, with a cd and an echo beside it',
      code: 'FROM python:3.12-slim\nCOPY . /app\nRUN echo fixing && cd /app && chown -R app:app /app\n',
      errors: [{ text: 'chown -R app:app /app' }],
    },
    {
      name: 'beside an rm, a mkdir of another folder, or a mv, the change still copies what earlier layers hold',
      code: 'FROM debian\nRUN make -C /src install\nRUN rm -rf /src/build && mkdir -p /logs && chown -R app /opt/app /logs\n',
      errors: [{ text: 'chown -R app /opt/app /logs' }],
    },
    {
      name: 'a cluster that holds R, chgrp, and an ONBUILD RUN, read as the RUN it becomes',
      code: 'FROM debian\nRUN chmod -fR g+w /srv && chgrp --recursive staff /srv\nONBUILD RUN chown -R 1000 /data\n',
      errors: [{ text: 'chmod -fR g+w /srv' }, { text: 'chgrp --recursive staff /srv' }, { text: 'chown -R 1000 /data' }],
    },
  ],
});
