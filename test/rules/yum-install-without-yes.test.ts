import { yumInstallWithoutYes } from '../../server/src/rules/yumInstallWithoutYes';
import { testRule } from '../support/ruleTester';

testRule(yumInstallWithoutYes, {
  valid: [
    { name: '-y before or after the subcommand, in a cluster, or spelt out', code: 'FROM rockylinux:9\nRUN dnf -y install gcc && dnf install -qy make && yum install --assumeyes git && microdnf install -y tar && dnf clean all\n' },
    { name: 'commands that change nothing do not ask', code: 'FROM rockylinux:9\nRUN dnf makecache && dnf list installed && yum info gcc && dnf clean all\n' },
    { name: 'yes piped in answers it', code: 'FROM rockylinux:9\nRUN yes | dnf install gcc && dnf clean all\n' },
    { name: '--assumeno answers the question itself', code: 'FROM rockylinux:9\nRUN dnf remove --assumeno gcc || true\n' },
  ],
  invalid: [
    {
      name: "dnf install without -y: hadolint's DL3038, fixed by adding -y after the subcommand",
      code: 'FROM rockylinux:9\nRUN dnf install gcc && dnf clean all\n',
      errors: [{ text: 'dnf install', hadolint: 'DL3038', severity: 'error', message: "'dnf install' asks 'Is this ok [y/N]:'" }],
      output: 'FROM rockylinux:9\nRUN dnf install -y gcc && dnf clean all\n',
    },
    {
      name: "yum (DL3030), dnf's aliases, removals and updates ask too; microdnf asks on RHEL 9",
      code: 'FROM centos:7\nRUN yum update && yum remove httpd\nFROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install tar && microdnf clean all\nFROM fedora:40\nONBUILD RUN dnf in git\n',
      errors: [{ text: 'yum update', hadolint: 'DL3030' }, { text: 'yum remove' }, { text: 'microdnf install', hadolint: 'DL3038' }, { text: 'dnf in' }],
      output: 'FROM centos:7\nRUN yum update -y && yum remove -y httpd\nFROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all\nFROM fedora:40\nONBUILD RUN dnf in -y git\n',
    },
  ],
});
