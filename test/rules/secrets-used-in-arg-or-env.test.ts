import { secretsUsedInArgOrEnv } from '../../server/src/rules/secretsUsedInArgOrEnv';
import { testRule } from '../support/ruleTester';

testRule(secretsUsedInArgOrEnv, {
  valid: [
    { name: 'names that are no secret', code: 'FROM alpine\nARG VERSION=1\nENV KEYBOARD=us MONKEY=1\n' },
    { name: 'allowed words: public, file, version', code: 'FROM alpine\nARG PUBLIC_KEY\nENV TOKEN_FILE=/run/secrets/token GPG_KEY_VERSION=2\n' },
    { name: 'a global ARG, which BuildKit does not check', code: 'ARG GITHUB_TOKEN\nFROM alpine\n' },
  ],
  invalid: [
    {
      name: "BuildKit's examples: ARG and ENV with secret names",
      code: 'FROM alpine\nARG AWS_SECRET_ACCESS_KEY\nENV GITHUB_TOKEN=x\n',
      errors: [
        { text: 'AWS_SECRET_ACCESS_KEY', messageId: 'secret', buildkit: 'SecretsUsedInArgOrEnv' },
        { text: 'GITHUB_TOKEN=x' },
      ],
      output: null,
    },
    { name: 'case does not matter; a legacy ENV', code: 'FROM alpine\nENV db_password hunter2\n', errors: [{ text: 'db_password' }] },
    { name: 'several names in one ARG', code: 'FROM alpine\nARG USER API_KEY=a PASSWORD\n', errors: [{ text: 'API_KEY=a' }, { text: 'PASSWORD' }] },
  ],
});
