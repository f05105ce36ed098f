import { yumPackageNotPinned } from '../../server/src/rules/yumPackageNotPinned';
import { testRule } from '../support/ruleTester';

testRule(yumPackageNotPinned, {
  valid: [
    { name: 'versions as dnf reads them: name-version, name-version-release, an epoch, an architecture', code: 'FROM rockylinux:9\nRUN dnf install -y tomcat-9.0.1 python3-devel-3.9.18-3.el9 vim-enhanced-2:8.2.2637 libstdc++-11.4.1-2.el9.x86_64 && dnf clean all\n' },
    { name: 'rpm files, URLs, paths and groups name no package to pin', code: 'FROM rockylinux:9\nRUN dnf install -y ./local.rpm https://example.org/x-1.0.rpm @development && dnf clean all\n' },
    { name: 'a package named with a variable is left alone', code: 'FROM rockylinux:9\nARG PKGS\nRUN dnf install -y ${PKGS} && dnf clean all\n' },
    { name: 'a module stream named', code: 'FROM rockylinux:9\nRUN dnf module install -y nodejs:20/common && dnf clean all\n' },
    { name: 'yum update is not an install (generic-upgrade reads it)', code: 'FROM centos:7\nRUN yum update -y && yum clean all\n' },
    { name: 'a tool named like yum is not yum', code: 'FROM rockylinux:9\nRUN notdnf install tomcat\n' },
  ],
  invalid: [
    {
      name: "names without versions (the corpus's Rocky Linux image); a name with a dash is still a name",
      code: 'FROM rockylinux:9\nRUN dnf -y install gcc gcc-c++ python3-devel make wget && dnf clean all\n',
      errors: [{ text: 'gcc gcc-c++ python3-devel make wget', messageId: 'unpinned', message: "dnf installs whatever the repositories hold on the day of the build for 'gcc', 'gcc-c++', 'python3-devel', 'make' and 1 more", hadolint: 'DL3041' }],
      output: null,
    },
    {
      name: "yum is hadolint's DL3033, and pinned packages beside unpinned ones are left out of the span's names",
      code: 'FROM centos:7\nRUN yum install -y tomcat-9.0.1 httpd && yum clean all\n',
      errors: [{ text: 'httpd', hadolint: 'DL3033', message: "yum installs whatever the repositories hold on the day of the build for 'httpd'" }],
      output: null,
    },
    {
      name: "microdnf, dnf's alias `in`, and an ONBUILD RUN",
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all\nONBUILD RUN dnf in -y git && dnf clean all\n',
      errors: [{ text: 'tar', message: 'microdnf installs' }, { text: 'git', message: 'dnf installs' }],
      output: null,
    },
    {
      name: 'a module without a stream',
      code: 'FROM rockylinux:9\nRUN dnf module install -y nodejs && dnf clean all\n',
      errors: [{ text: 'nodejs', messageId: 'module' }],
      output: null,
    },
  ],
});
