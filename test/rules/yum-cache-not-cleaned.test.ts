import { yumCacheNotCleaned } from '../../server/src/rules/yumCacheNotCleaned';
import { testRule } from '../support/ruleTester';

testRule(yumCacheNotCleaned, {
  valid: [
    { name: "a cleanup script of the project's own that names yum, not run twice", code: 'FROM centos:7\nRUN yum install -y git && yum_clean_all\n' },
    { name: 'install --downloadonly fills the cache on purpose', code: 'FROM centos:7\nRUN yum install -y --downloadonly git\n' },
    { name: 'yum clean all in the same RUN', code: 'FROM centos:7\nRUN yum install -y git && yum clean all && rm -rf /var/cache/yum\n' },
    { name: 'removing the dnf cache alone', code: 'FROM rockylinux:9\nRUN dnf install -y git && rm -rf /var/cache/dnf\n' },
    { name: 'microdnf clean all', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y git && microdnf clean all\n' },
    { name: 'a cache mount', code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git\n' },
    { name: 'a tmpfs mount on the cache', code: 'FROM fedora:40\nRUN --mount=type=tmpfs,target=/var/cache/dnf dnf in -y git\n' },
    { name: 'a builder stage only copied from', code: 'FROM rockylinux:9 AS build\nRUN dnf install -y gcc && gcc -o /hello hello.c\nFROM rockylinux:9\nCOPY --from=build /hello /hello\n' },
    { name: 'yum remove is not an install', code: 'FROM centos:7\nRUN yum remove -y git\n' },
    { name: 'a heredoc that cleans', code: 'FROM centos:7\nRUN <<EOF\nyum install -y git\nyum clean all\nEOF\n' },
  ],
  invalid: [
    {
      name: "dnf's aliases: `in` installs and `rei` reinstalls, as dnf's command reference says",
      code: 'FROM fedora:40\nRUN dnf in -y git\nRUN microdnf rei -y make\n',
      errors: [
        { text: 'dnf in', hadolint: 'DL3040' },
        { text: 'microdnf rei', hadolint: 'DL3040' },
      ],
      output: 'FROM fedora:40\nRUN dnf in -y git && dnf clean all && rm -rf /var/cache/dnf\nRUN microdnf rei -y make && microdnf clean all\n',
    },
    {
      name: 'yum install alone',
      code: 'FROM centos:7\nRUN yum install -y git\n',
      errors: [{ text: 'yum install', messageId: 'notCleaned', hadolint: 'DL3032', severity: 'warning', message: 'yum clean all && rm -rf /var/cache/yum' }],
      output: 'FROM centos:7\nRUN yum install -y git && yum clean all && rm -rf /var/cache/yum\n',
    },
    {
      name: 'dnf install with an ARG version, continued with a comment line',
      code: 'FROM rockylinux:9\nARG GIT_VERSION=2.39.3\nRUN dnf install -y \\\n    # tools\n    git-${GIT_VERSION} \\\n    make\n',
      errors: [{ text: 'dnf install', hadolint: 'DL3040', message: 'dnf clean all && rm -rf /var/cache/dnf' }],
      output: 'FROM rockylinux:9\nARG GIT_VERSION=2.39.3\nRUN dnf install -y \\\n    # tools\n    git-${GIT_VERSION} \\\n    make \\\n    && dnf clean all \\\n    && rm -rf /var/cache/dnf\n',
    },
    {
      name: 'a clean before the install does not count; microdnf',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf clean all && microdnf install -y git\n',
      errors: [{ text: 'microdnf install', hadolint: 'DL3040' }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf clean all && microdnf install -y git && microdnf clean all\n',
    },
    {
      name: 'a stage the final stage builds FROM',
      code: 'FROM centos:7 AS base\nRUN yum -y groupinstall "Development Tools"\nFROM base\nCMD ["bash"]\n',
      errors: [{ text: 'yum -y groupinstall', line: 2 }],
      output: 'FROM centos:7 AS base\nRUN yum -y groupinstall "Development Tools" && yum clean all && rm -rf /var/cache/yum\nFROM base\nCMD ["bash"]\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM centos:7\nRUN <<EOF\nyum install -y git\nEOF\n',
      errors: [{ text: 'yum install' }],
      output: 'FROM centos:7\nRUN <<EOF\nyum install -y git\nyum clean all\nrm -rf /var/cache/yum\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM centos:7\nONBUILD RUN yum install -y make\n',
      errors: [{ text: 'yum install' }],
      output: 'FROM centos:7\nONBUILD RUN yum install -y make && yum clean all && rm -rf /var/cache/yum\n',
    },
    {
      name: 'the exec form, which has no shell to chain in',
      code: 'FROM centos:7\nRUN ["yum", "install", "-y", "git"]\n',
      errors: [{ text: '"yum", "install"' }],
      output: null,
    },
  ],
});
