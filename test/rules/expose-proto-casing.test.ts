import { exposeProtoCasing } from '../../server/src/rules/exposeProtoCasing';
import { testRule } from '../support/ruleTester';

testRule(exposeProtoCasing, {
  valid: [
    { name: 'lower-case protocols, and none', code: 'FROM alpine\nEXPOSE 80/tcp 53/udp 8080\n' },
    { name: 'a port from a variable', code: 'FROM alpine\nEXPOSE $PORT/TCP\n' },
  ],
  invalid: [
    {
      name: "BuildKit's example: 80/TcP, lower-cased",
      code: 'FROM alpine\nEXPOSE 80/TcP 443/UDP 22\n',
      errors: [
        { text: '80/TcP', messageId: 'casing', buildkit: 'ExposeProtoCasing' },
        { text: '443/UDP' },
      ],
      output: 'FROM alpine\nEXPOSE 80/tcp 443/udp 22\n',
    },
  ],
});
