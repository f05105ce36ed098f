import { uvSyncNotLocked } from '../../server/src/rules/uvSyncNotLocked';
import { testRule } from '../support/ruleTester';

testRule(uvSyncNotLocked, {
  valid: [
    { name: '--locked, as uv\'s Docker guide writes it', code: 'FROM python:3.12-slim\nRUN uv sync --no-cache --locked\n' },
    { name: '--frozen', code: 'FROM python:3.12-slim\nRUN uv sync --no-cache --frozen --no-install-project\n' },
    { name: 'UV_LOCKED set by ENV', code: 'FROM python:3.12-slim\nENV UV_LOCKED=1\nRUN uv sync --no-cache\n' },
    { name: 'uv pip install is not a sync from a lockfile', code: 'FROM python:3.12-slim\nRUN uv pip install --no-cache --system -r requirements.txt\n' },
  ],
  invalid: [
    {
      name: 'uv sync alone may update uv.lock: --locked is offered as an unsafe fix',
      code: 'FROM python:3.12-slim\nRUN uv sync --no-cache\n',
      errors: [{ text: 'uv sync', messageId: 'unlocked', severity: 'warning', hadolint: null }],
      output: 'FROM python:3.12-slim\nRUN uv sync --locked --no-cache\n',
      fixes: 'unsafe',
    },
  ],
});
