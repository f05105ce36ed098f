import { buildFolderNotRemoved } from '../../server/src/rules/buildFolderNotRemoved';
import { testRule } from '../support/ruleTester';

const LESSON_MPICH =
  'FROM python:3.8-slim\nARG MPICH_VERSION="3.1.4"\nRUN mkdir -p /tmp/mpich-build \\\n      && cd /tmp/mpich-build \\\n      && wget http://www.mpich.org/static/downloads/${MPICH_VERSION}/mpich-${MPICH_VERSION}.tar.gz \\\n      && tar xvzf mpich-${MPICH_VERSION}.tar.gz \\\n      && cd mpich-${MPICH_VERSION}  \\\n      && ./configure --prefix=/usr \\\n      && make install \\\n      && cd / \\\n      && rm -rf /tmp/mpich-build\n';

testRule(buildFolderNotRemoved, {
  valid: [
    { name: 'a relative build folder that the RUN removes relative to where it is', code: 'FROM debian:12\nRUN cd /tmp && mkdir build && cd build && cmake /src && make install && cd .. && rm -rf build\n' },
    { name: "the lesson's MPICH recipe, which cds around and removes the folder", code: LESSON_MPICH },
    { name: 'rm -rf of /tmp/* counts', code: 'FROM debian\nRUN mkdir -p /tmp/b && cd /tmp/b && make install && rm -rf /tmp/*\n' },
    { name: 'installed into the folder itself', code: 'FROM debian\nRUN mkdir -p /opt/tool && cd /opt/tool && ./configure --prefix=/opt/tool && make install\n' },
    { name: 'a later instruction uses the folder', code: 'FROM debian\nRUN mkdir -p /opt/tool-build && cd /opt/tool-build && make && make install\nENV PATH=/opt/tool-build/bin:$PATH\n' },
    { name: 'no install step', code: 'FROM debian\nRUN mkdir -p /opt/data && cd /opt/data && wget https://example.org/data.csv\n' },
    { name: 'a shared folder such as /tmp', code: 'FROM debian\nRUN mkdir -p /tmp && cd /tmp && make install\n' },
    { name: 'a tmpfs mount on the folder', code: 'FROM debian\nRUN --mount=type=tmpfs,target=/tmp/b mkdir -p /tmp/b && cd /tmp/b && make install\n' },
    { name: 'a builder stage only copied from', code: 'FROM debian AS build\nRUN mkdir -p /tmp/b && cd /tmp/b && make install\nFROM debian\nCOPY --from=build /usr/local /usr/local\n' },
    { name: 'a relative rm from the parent folder', code: 'FROM debian\nRUN mkdir -p /tmp/b && cd /tmp/b && make install && cd .. && rm -rf b\n' },
    { name: 'a build tree WORKDIR made, which the RUN removes', code: 'FROM debian:12\nWORKDIR /tmp/build\nRUN wget -q https://example.org/t.tgz && tar xzf t.tgz && ./configure && make install && cd / && rm -rf /tmp/build\nWORKDIR /\n' },
    { name: 'a stage that ends in the WORKDIR: the container starts there, so it is kept on purpose', code: 'FROM debian:12\nWORKDIR /tmp/build\nCOPY . .\nRUN make && make install\n' },
    { name: 'a later RUN in the same WORKDIR goes on using the tree', code: 'FROM debian:12\nWORKDIR /tmp/build\nCOPY . .\nRUN make && make install\nRUN make check\nWORKDIR /\n' },
    { name: 'a shared WORKDIR such as /app', code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN python setup.py install\nWORKDIR /\n' },
    { name: 'installed into the WORKDIR itself', code: 'FROM debian:12\nWORKDIR /opt/tool\nRUN ./configure --prefix=/opt/tool && make install\nWORKDIR /\n' },
    { name: 'a WORKDIR build in a builder stage only copied from', code: 'FROM debian:12 AS build\nWORKDIR /tmp/build\nCOPY . .\nRUN make install\nWORKDIR /\nFROM debian:12\nCOPY --from=build /usr/local /usr/local\n' },
    { name: 'a WORKDIR named with a variable cannot be read', code: 'FROM debian:12\nARG SRC=/tmp/build\nWORKDIR $SRC\nRUN make install\nWORKDIR /\n' },
    { name: 'a later instruction names the WORKDIR folder', code: 'FROM debian:12\nWORKDIR /tmp/build\nRUN make install\nWORKDIR /\nENV PATH=/tmp/build/bin:$PATH\n' },
    { name: "ONBUILD triggers that end in their WORKDIR's folder: the build FROM this image goes on there", code: 'FROM debian:12\nONBUILD WORKDIR /tmp/build\nONBUILD COPY . .\nONBUILD RUN make install\n' },
    { name: "a trigger starts where the stage ends (its last WORKDIR), not in an earlier one", code: 'FROM debian:12\nWORKDIR /tmp/build\nONBUILD RUN make install\nWORKDIR /\n' },
    { name: 'a trigger before the ONBUILD WORKDIR runs where the base image left off', code: 'FROM debian:12\nONBUILD RUN make install\nONBUILD WORKDIR /tmp/build\nONBUILD WORKDIR /\n' },
    { name: 'a relative folder is left alone', code: 'FROM debian\nRUN mkdir build && cd build && cmake .. && make install\n' },
  ],
  invalid: [
    {
      name: 'a build folder made by a relative mkdir after cd, removed by its full path',
      code: 'FROM debian:12\nRUN cd /tmp && mkdir build && cd build && cmake /src && make install\n',
      errors: [{ text: 'build', message: '/tmp/build' }],
      output: 'FROM debian:12\nRUN cd /tmp && mkdir build && cd build && cmake /src && make install && cd / && rm -rf /tmp/build\n',
    },
    {
      name: "the lesson's recipe without its last two steps, with an ARG version and a comment line",
      code: 'FROM python:3.8-slim\nARG MPICH_VERSION="3.1.4"\nRUN mkdir -p /tmp/mpich-build \\\n      && cd /tmp/mpich-build \\\n      # fetch and build\n      && wget http://www.mpich.org/static/downloads/${MPICH_VERSION}/mpich-${MPICH_VERSION}.tar.gz \\\n      && tar xvzf mpich-${MPICH_VERSION}.tar.gz \\\n      && cd mpich-${MPICH_VERSION}  \\\n      && ./configure --prefix=/usr \\\n      && make install\n',
      errors: [{ text: '/tmp/mpich-build', line: 3, messageId: 'kept', severity: 'warning' }],
      output: 'FROM python:3.8-slim\nARG MPICH_VERSION="3.1.4"\nRUN mkdir -p /tmp/mpich-build \\\n      && cd /tmp/mpich-build \\\n      # fetch and build\n      && wget http://www.mpich.org/static/downloads/${MPICH_VERSION}/mpich-${MPICH_VERSION}.tar.gz \\\n      && tar xvzf mpich-${MPICH_VERSION}.tar.gz \\\n      && cd mpich-${MPICH_VERSION}  \\\n      && ./configure --prefix=/usr \\\n      && make install \\\n      && cd / \\\n      && rm -rf /tmp/mpich-build\n',
    },
    {
      name: 'a folder named with an ARG',
      code: 'FROM debian\nARG NAME=hdf5\nRUN mkdir -p /tmp/${NAME}-build && cd /tmp/${NAME}-build && cmake /src && cmake --build . --target install\n',
      errors: [{ text: '/tmp/${NAME}-build' }],
      output: 'FROM debian\nARG NAME=hdf5\nRUN mkdir -p /tmp/${NAME}-build && cd /tmp/${NAME}-build && cmake /src && cmake --build . --target install \\\n    && cd / \\\n    && rm -rf /tmp/${NAME}-build\n',
    },
    {
      name: 'a stage the final stage builds FROM, python setup.py install',
      code: 'FROM python:3.12 AS base\nRUN mkdir /opt/pkg-build && cd /opt/pkg-build && git clone https://example.org/pkg.git . && python setup.py install\nFROM base\nCMD ["python"]\n',
      errors: [{ text: '/opt/pkg-build', line: 2 }],
      output: 'FROM python:3.12 AS base\nRUN mkdir /opt/pkg-build && cd /opt/pkg-build && git clone https://example.org/pkg.git . && python setup.py install \\\n    && cd / \\\n    && rm -rf /opt/pkg-build\nFROM base\nCMD ["python"]\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM debian\nRUN <<EOF\nset -e\nmkdir -p /tmp/tool-build\ncd /tmp/tool-build\nmake -j4 install\nEOF\n',
      errors: [{ text: '/tmp/tool-build', line: 4 }],
      output: 'FROM debian\nRUN <<EOF\nset -e\nmkdir -p /tmp/tool-build\ncd /tmp/tool-build\nmake -j4 install\ncd /\nrm -rf /tmp/tool-build\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN mkdir -p /tmp/b && cd /tmp/b && ninja install\n',
      errors: [{ text: '/tmp/b' }],
      output: 'FROM debian\nONBUILD RUN mkdir -p /tmp/b && cd /tmp/b && ninja install && cd / && rm -rf /tmp/b\n',
    },
    {
      name: 'removing relative names from the wrong folder (corpus: pawsey openfoam-org 7, CGAL)',
      code: 'FROM ubuntu:24.04\nRUN mkdir -p /tmp/cgal-build \\\n && cd /tmp/cgal-build \\\n && tar -xf CGAL-4.10.tar.xz \\\n && cd CGAL-4.10 && mkdir build && cd build \\\n && cmake .. -DCMAKE_INSTALL_PREFIX=/usr/local/cgal-4.10 \\\n && make install \\\n && cd /tmp \\\n && rm -rf CGAL-4.10 CGAL-4.10.tar.xz\n',
      errors: [{ text: '/tmp/cgal-build' }],
      output: 'FROM ubuntu:24.04\nRUN mkdir -p /tmp/cgal-build \\\n && cd /tmp/cgal-build \\\n && tar -xf CGAL-4.10.tar.xz \\\n && cd CGAL-4.10 && mkdir build && cd build \\\n && cmake .. -DCMAKE_INSTALL_PREFIX=/usr/local/cgal-4.10 \\\n && make install \\\n && cd /tmp \\\n && rm -rf CGAL-4.10 CGAL-4.10.tar.xz \\\n && cd / \\\n && rm -rf /tmp/cgal-build\n',
    },
    {
      name: 'a folder that is not plainly temporary gets an unsafe fix only',
      code: 'FROM centos:7\nRUN mkdir -p /usr/local/src/hdf5 && cd /usr/local/src/hdf5 && ./configure --prefix=/usr/local && make install\n',
      errors: [{ text: '/usr/local/src/hdf5' }],
      output: null,
    },
    {
      name: 'which removes it when asked for',
      code: 'FROM centos:7\nRUN mkdir -p /usr/local/src/hdf5 && cd /usr/local/src/hdf5 && ./configure --prefix=/usr/local && make install\n',
      errors: [{ text: '/usr/local/src/hdf5' }],
      fixes: 'unsafe',
      output: 'FROM centos:7\nRUN mkdir -p /usr/local/src/hdf5 && cd /usr/local/src/hdf5 && ./configure --prefix=/usr/local && make install \\\n    && cd / \\\n    && rm -rf /usr/local/src/hdf5\n',
    },
    {
      name: 'a build tree made through ONBUILD WORKDIR and left by the ONBUILD RUN that builds it',
      code: 'FROM debian:12\nONBUILD WORKDIR /tmp/build\nONBUILD COPY . .\nONBUILD RUN make && make install\nONBUILD WORKDIR /\n',
      errors: [{ text: 'make install', messageId: 'workdir', message: 'the WORKDIR on line 2' }],
      output: 'FROM debian:12\nONBUILD WORKDIR /tmp/build\nONBUILD COPY . .\nONBUILD RUN make && make install && cd / && rm -rf /tmp/build\nONBUILD WORKDIR /\n',
    },
    {
      name: 'a build tree made through WORKDIR and left in the RUN that builds it',
      code: 'FROM debian:12\nWORKDIR /tmp/build\nCOPY . .\nRUN make && make install\nWORKDIR /\n',
      errors: [{ text: 'make install', messageId: 'workdir', message: 'the WORKDIR on line 2' }],
      output: 'FROM debian:12\nWORKDIR /tmp/build\nCOPY . .\nRUN make && make install && cd / && rm -rf /tmp/build\nWORKDIR /\n',
    },
    {
      name: 'removing the WORKDIR tree in a later RUN saves nothing, so the build is reported and the removal moves nowhere',
      code: 'FROM debian:12\nWORKDIR /tmp/build\nRUN wget -q https://example.org/t.tgz && tar xzf t.tgz && ./configure && make install\nWORKDIR /\nRUN rm -rf /tmp/build\n',
      errors: [{ text: 'make install', message: 'Removing it in a later RUN saves nothing' }],
      output: 'FROM debian:12\nWORKDIR /tmp/build\nRUN wget -q https://example.org/t.tgz && tar xzf t.tgz && ./configure && make install \\\n    && cd / \\\n    && rm -rf /tmp/build\nWORKDIR /\nRUN rm -rf /tmp/build\n',
    },
    {
      name: 'a relative mkdir inside the WORKDIR is read as a folder in it, and the whole tree is reported once',
      code: 'FROM debian:12\nWORKDIR /tmp/src\nCOPY . .\nRUN mkdir build && cd build && cmake .. && make install\nWORKDIR /\n',
      errors: [{ text: 'make install', messageId: 'workdir' }],
      output: 'FROM debian:12\nWORKDIR /tmp/src\nCOPY . .\nRUN mkdir build && cd build && cmake .. && make install && cd / && rm -rf /tmp/src\nWORKDIR /\n',
    },
    {
      name: 'a relative mkdir in a shared WORKDIR such as /app is read by its full path',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN mkdir build && cd build && cmake .. && make install\n',
      errors: [{ text: 'build', messageId: 'kept', message: '/app/build' }],
      output: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN mkdir build && cd build && cmake .. && make install && cd / && rm -rf /app/build\n',
    },
    {
      name: 'a stage that goes on in its WORKDIR keeps the tree, but not the build folder made inside it',
      code: 'FROM debian:12\nWORKDIR /tmp/src\nCOPY . .\nRUN mkdir build && cd build && cmake .. && make install\n',
      errors: [{ text: 'build', messageId: 'kept', message: '/tmp/src/build' }],
      output: 'FROM debian:12\nWORKDIR /tmp/src\nCOPY . .\nRUN mkdir build && cd build && cmake .. && make install && cd / && rm -rf /tmp/src/build\n',
    },
    {
      name: 'a relative WORKDIR after an absolute one',
      code: 'FROM debian:12\nWORKDIR /opt\nWORKDIR hdf5-build\nRUN cmake /src && cmake --build . --target install\nWORKDIR /\n',
      errors: [{ text: 'cmake --build . --target install', message: '/opt/hdf5-build, the WORKDIR on line 3' }],
      output: 'FROM debian:12\nWORKDIR /opt\nWORKDIR hdf5-build\nRUN cmake /src && cmake --build . --target install && cd / && rm -rf /opt/hdf5-build\nWORKDIR /\n',
    },
    {
      name: 'a WORKDIR tree that is not plainly temporary gets an unsafe fix only',
      code: 'FROM centos:7\nWORKDIR /usr/local/src/hdf5\nCOPY . .\nRUN ./configure --prefix=/usr/local && make install\nWORKDIR /\n',
      errors: [{ text: 'make install', messageId: 'workdir' }],
      output: null,
    },
    {
      name: 'removing another folder does not count',
      code: 'FROM debian\nRUN mkdir -p /tmp/a && cd /tmp/a && make install && rm -rf /tmp/other\n',
      errors: [{ text: '/tmp/a' }],
      output: 'FROM debian\nRUN mkdir -p /tmp/a && cd /tmp/a && make install && rm -rf /tmp/other && cd / && rm -rf /tmp/a\n',
    },
  ],
});
