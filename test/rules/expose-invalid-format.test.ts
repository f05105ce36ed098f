import { exposeInvalidFormat } from '../../server/src/rules/exposeInvalidFormat';
import { testRule } from '../support/ruleTester';

testRule(exposeInvalidFormat, {
  valid: [
    { name: 'ports, a range and protocols', code: 'FROM alpine\nEXPOSE 80 443/tcp 8000-8010/udp\n' },
    { name: 'a port from a variable', code: 'FROM alpine\nEXPOSE ${HOST}:80\n' },
  ],
  invalid: [
    {
      name: "BuildKit's examples: an IP address and a host port; the image keeps the container port alone",
      code: 'FROM alpine\nEXPOSE 127.0.0.1:80:80\nEXPOSE 80:80/tcp\n',
      errors: [
        { text: '127.0.0.1:80:80', messageId: 'format', buildkit: 'ExposeInvalidFormat' },
        { text: '80:80/tcp', message: "'80/tcp'" },
      ],
      output: 'FROM alpine\nEXPOSE 80\nEXPOSE 80/tcp\n',
    },
    {
      name: 'ranges that do not match, or an IP that is not one: the build fails, so no fix',
      code: 'FROM alpine\nEXPOSE 8000-8001:9000-9005\nEXPOSE host:80:80\n',
      errors: [{ text: '8000-8001:9000-9005' }, { text: 'host:80:80' }],
      output: null,
    },
  ],
});
