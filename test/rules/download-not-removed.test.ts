import { downloadNotRemoved } from '../../server/src/rules/downloadNotRemoved';
import { testRule } from '../support/ruleTester';

testRule(downloadNotRemoved, {
  valid: [
    { name: 'removed by a name with a variable, after going back', code: 'FROM debian\nARG V=3.12.4\nRUN wget https://example.org/cmake-${V}.tar.gz && tar xf cmake-${V}.tar.gz && cd cmake-${V} && make install && cd .. && rm -f cmake-${V}.tar.gz\n' },
    { name: 'after a cd that cannot be read, an rm of the name may be the file', code: 'FROM debian\nRUN wget https://example.org/x-1.0.tar.gz && tar xf x-1.0.tar.gz && cd $HOME && rm -f x-1.0.tar.gz\n' },
    { name: 'removed after the RUN went back to its folder', code: 'FROM debian\nRUN wget https://example.org/cmake-3.20.tar.gz && tar xf cmake-3.20.tar.gz && cd cmake-3.20 && make install && cd .. && rm cmake-3.20.tar.gz\n' },
    { name: 'removed from the source folder by its path', code: 'FROM debian\nRUN wget https://example.org/cmake-3.20.tar.gz && tar xf cmake-3.20.tar.gz && cd cmake-3.20 && make install && rm ../cmake-3.20.tar.gz\n' },
    { name: 'saved in the build folder the RUN enters, which it removes at the end', code: 'FROM debian:12\nRUN mkdir -p /tmp/tool-build && cd /tmp/tool-build && wget -q https://example.org/tool-1.0.tar.gz && tar xzf tool-1.0.tar.gz && cd tool-1.0 && make install && cd / && rm -rf /tmp/tool-build\n' },
    { name: 'the installer removed in the same RUN', code: 'FROM debian:12\nRUN wget -q https://example.org/Miniforge3-Linux-x86_64.sh && bash Miniforge3-Linux-x86_64.sh -b -p /opt/conda && rm Miniforge3-Linux-x86_64.sh\n' },
    { name: 'the folder it was saved in removed', code: 'FROM debian:12\nRUN mkdir /tmp/dl && curl -fsSLo /tmp/dl/x.tgz https://example.org/x-1.0.tgz && tar xzf /tmp/dl/x.tgz -C /opt && rm -rf /tmp/dl\n' },
    {
      name: 'saved by a relative name in the WORKDIR and removed by its full path there',
      code: 'FROM debian:12\nWORKDIR /opt/\nRUN wget -q https://example.org/x-1.0.tar.xz -O x.tar.xz \\\n  && tar -xf x.tar.xz \\\n  && cd /opt/x-1.0 \\\n  && rm /opt/x.tar.xz\n',
    },
    {
      name: 'saved after `cd ..` and removed by its full path, `..` resolved from the folder before',
      code: 'FROM debian:12\nRUN cd /opt/src && cd .. && wget -q https://example.org/x-1.0.tgz && tar xzf x-1.0.tgz && rm /opt/x-1.0.tgz\n',
    },
    { name: 'piped into the shell, never saved', code: 'FROM debian:12\nRUN curl -fsSL https://example.org/install.sh | sh\n' },
    { name: 'streamed into tar', code: 'FROM debian:12\nRUN wget -qO- https://example.org/x-1.0.tar.gz | tar xz -C /opt\n' },
    { name: 'a binary saved where it runs is what the image ships', code: 'FROM debian:12\nRUN curl -fsSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini && chmod +x /usr/local/bin/tini\n' },
    { name: 'a builder stage the final image only copies from', code: 'FROM debian:12 AS build\nRUN wget https://example.org/x.tgz && tar xzf x.tgz\nFROM debian:12\nCOPY --from=build /x /x\n' },
  ],
  invalid: [
    {
      name: "an rm by name after a cd into the source folder removes nothing there (the corpus's OpenFOAM v2012)",
      code: 'FROM debian\nRUN wget https://example.org/cmake-3.20.tar.gz && tar xf cmake-3.20.tar.gz && cd cmake-3.20 && make install && rm cmake-3.20.tar.gz\n',
      errors: [{ text: 'https://example.org/cmake-3.20.tar.gz', messageId: 'kept' }],
      output: null,
    },
    {
      name: 'the same after a cd into a folder named with a variable',
      code: 'FROM debian\nARG V=3.12.4\nRUN wget https://example.org/cmake-${V}.tar.gz && tar xf cmake-${V}.tar.gz && cd cmake-${V} && make install && rm -f cmake-${V}.tar.gz\n',
      errors: [{ text: 'https://example.org/cmake-${V}.tar.gz', messageId: 'kept' }],
      output: null,
    },
    {
      name: "deleted only by a later RUN: the message says so (the corpus's namd images)",
      code: 'FROM debian\nWORKDIR /tmp/build\nRUN wget https://example.org/fftw-3.3.10.tar.gz && tar xf fftw-3.3.10.tar.gz\nRUN rm -rf /tmp/build\n',
      errors: [{ text: 'https://example.org/fftw-3.3.10.tar.gz', messageId: 'removedLater' }],
    },
    {
      name: 'wget X.sh && bash X.sh leaves the installer',
      code: 'FROM debian:12\nRUN wget -q https://example.org/Miniforge3-Linux-x86_64.sh && bash Miniforge3-Linux-x86_64.sh -b -p /opt/conda\n',
      errors: [{ text: 'https://example.org/Miniforge3-Linux-x86_64.sh', messageId: 'kept', severity: 'warning', hadolint: null }],
      output: 'FROM debian:12\nRUN wget -q https://example.org/Miniforge3-Linux-x86_64.sh && bash Miniforge3-Linux-x86_64.sh -b -p /opt/conda \\\n    && rm -f Miniforge3-Linux-x86_64.sh\n',
      fixes: 'unsafe',
    },
    {
      name: 'curl -o /tmp/x.tgz leaves the tarball in /tmp, which is in the layer too',
      code: 'FROM debian:12\nRUN curl -fsSL -o /tmp/x.tgz https://example.org/x.tgz \\\n && tar xzf /tmp/x.tgz -C /opt\n',
      errors: [{ text: 'https://example.org/x.tgz', message: "'/tmp/x.tgz'" }],
      output: 'FROM debian:12\nRUN curl -fsSL -o /tmp/x.tgz https://example.org/x.tgz \\\n && tar xzf /tmp/x.tgz -C /opt \\\n && rm -f /tmp/x.tgz\n',
      fixes: 'unsafe',
    },
    {
      name: 'a path with a space is removed as the RUN wrote it, quotes and all, not as two paths',
      code: 'FROM debian:12\nRUN curl -fsSLo "/tmp/my file.tgz" https://example.org/x-1.0.tgz && tar xzf "/tmp/my file.tgz" -C /opt\n',
      errors: [{ text: 'https://example.org/x-1.0.tgz', message: "'/tmp/my file.tgz'" }],
      output: 'FROM debian:12\nRUN curl -fsSLo "/tmp/my file.tgz" https://example.org/x-1.0.tgz && tar xzf "/tmp/my file.tgz" -C /opt \\\n    && rm -f "/tmp/my file.tgz"\n',
      fixes: 'unsafe',
    },
    {
      name: "an escaped space, and wget's -P folder as written with the URL's file name after it",
      code: 'FROM debian:12\nRUN wget -q https://example.org/x-1.0.tgz -O /tmp/x\\ y.tgz && tar xzf /tmp/x\\ y.tgz -C /opt \\\n && wget -q -P "/tmp/dl dir" https://example.org/z-2.0.tgz && tar xzf "/tmp/dl dir/z-2.0.tgz" -C /opt\n',
      errors: [{ text: 'https://example.org/x-1.0.tgz' }, { text: 'https://example.org/z-2.0.tgz' }],
      output:
        'FROM debian:12\nRUN wget -q https://example.org/x-1.0.tgz -O /tmp/x\\ y.tgz && tar xzf /tmp/x\\ y.tgz -C /opt \\\n && wget -q -P "/tmp/dl dir" https://example.org/z-2.0.tgz && tar xzf "/tmp/dl dir/z-2.0.tgz" -C /opt \\\n && rm -f /tmp/x\\ y.tgz \\\n && rm -f "/tmp/dl dir"/z-2.0.tgz\n',
      fixes: 'unsafe',
    },
    {
      name: "a URL's file name with a character the shell reads (curl -O) is quoted in the rm",
      code: 'FROM debian:12\nRUN curl -fsSLO "https://example.org/x&y-1.0.tgz" && tar xzf "x&y-1.0.tgz" -C /opt\n',
      errors: [{ text: '"https://example.org/x&y-1.0.tgz"' }],
      output: 'FROM debian:12\nRUN curl -fsSLO "https://example.org/x&y-1.0.tgz" && tar xzf "x&y-1.0.tgz" -C /opt \\\n    && rm -f \'x&y-1.0.tgz\'\n',
      fixes: 'unsafe',
    },
    {
      name: "a URL's file name with a variable is removed as the URL writes it, so that the variable expands as it did (the corpus's tcl downloads)",
      code: 'FROM debian:12\nARG TCL_VERSION=8.6.13\nRUN curl -fsSLO https://example.org/tcl${TCL_VERSION}-linux.tar.gz && tar xzf tcl${TCL_VERSION}-linux.tar.gz -C /opt\n',
      errors: [{ text: 'https://example.org/tcl${TCL_VERSION}-linux.tar.gz' }],
      output: 'FROM debian:12\nARG TCL_VERSION=8.6.13\nRUN curl -fsSLO https://example.org/tcl${TCL_VERSION}-linux.tar.gz && tar xzf tcl${TCL_VERSION}-linux.tar.gz -C /opt \\\n    && rm -f tcl${TCL_VERSION}-linux.tar.gz\n',
      fixes: 'unsafe',
    },
    {
      name: "a URL's file name with a variable and a character the shell reads: which the URL's quotes kept is not known, so no fix",
      code: 'FROM debian:12\nARG V=1.0\nRUN curl -fsSLO "https://example.org/a&b-${V}.tgz" && tar xzf "a&b-${V}.tgz" -C /opt\n',
      errors: [{ text: '"https://example.org/a&b-${V}.tgz"' }],
      output: null,
    },
    {
      name: 'a relative file after the RUN changed folder: reported without a fix',
      code: 'FROM debian:12\nRUN wget https://example.org/x.tgz && tar xzf x.tgz && cd x && make install\n',
      errors: [{ text: 'https://example.org/x.tgz' }],
      output: null,
      fixes: 'unsafe',
    },
    {
      name: 'saved by a relative name in the WORKDIR, and a file of the same name removed in another folder',
      code: 'FROM debian:12\nWORKDIR /opt\nRUN wget -q https://example.org/x-1.0.tar.xz -O x.tar.xz && tar -xf x.tar.xz && rm /tmp/x.tar.xz\n',
      errors: [{ text: 'https://example.org/x-1.0.tar.xz' }],
      output: 'FROM debian:12\nWORKDIR /opt\nRUN wget -q https://example.org/x-1.0.tar.xz -O x.tar.xz && tar -xf x.tar.xz && rm /tmp/x.tar.xz \\\n    && rm -f x.tar.xz\n',
      fixes: 'unsafe',
    },
    {
      name: 'an ONBUILD trigger is read as the RUN it becomes',
      code: 'FROM debian:12\nONBUILD RUN curl -fsSLO https://example.org/tool.deb && dpkg -i tool.deb\n',
      errors: [{ text: 'https://example.org/tool.deb' }],
    },
  ],
});
