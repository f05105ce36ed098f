import { uvCacheNotDisabled } from '../../server/src/rules/uvCacheNotDisabled';
import { testRule } from '../support/ruleTester';

testRule(uvCacheNotDisabled, {
  valid: [
    { name: '--no-cache, as uv\'s Docker guide says where no cache is mounted', code: 'FROM python:3.12-slim\nRUN uv pip install --system --no-cache numpy\n' },
    { name: 'a cache mount at /root/.cache/uv, as the guide writes it', code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n' },
    { name: 'UV_NO_CACHE set by ENV', code: 'FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN uv sync --locked\n' },
    { name: 'UV_NO_CACHE for the one command', code: 'FROM python:3.12-slim\nRUN UV_NO_CACHE=1 uv pip install --system numpy\n' },
    { name: 'uv cache clean after the install', code: 'FROM python:3.12-slim\nRUN uv sync --locked && uv cache clean\n' },
    { name: 'a builder stage the final image only copies from', code: 'FROM python:3.12-slim AS build\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\n' },
    { name: 'uv run, which installs nothing new into the image here', code: 'FROM python:3.12-slim\nCMD ["uv", "run", "app.py"]\n' },
  ],
  invalid: [
    {
      name: 'uv pip install keeps the cache: --no-cache goes after install',
      code: 'FROM python:3.12-slim\nRUN uv pip install --system numpy==2.0.0\n',
      errors: [{ text: 'uv pip install', messageId: 'cached', severity: 'warning', hadolint: null }],
      output: 'FROM python:3.12-slim\nRUN uv pip install --no-cache --system numpy==2.0.0\n',
    },
    {
      name: 'uv sync keeps the cache',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nRUN uv sync --locked --no-dev\n',
      errors: [{ text: 'uv sync' }],
      output: 'FROM python:3.12-slim\nWORKDIR /app\nRUN uv sync --no-cache --locked --no-dev\n',
    },
    {
      name: 'an ONBUILD RUN is read as the RUN it becomes',
      code: 'FROM python:3.12-slim\nONBUILD RUN uv pip install --system -r requirements.txt\n',
      errors: [{ text: 'uv pip install' }],
      output: 'FROM python:3.12-slim\nONBUILD RUN uv pip install --no-cache --system -r requirements.txt\n',
    },
    {
      name: 'a cache mount elsewhere does not cover uv\'s cache',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt uv tool install ruff\n',
      errors: [{ text: 'uv tool install' }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt uv tool install --no-cache ruff\n',
    },
  ],
});
