// Redaction by shape: a secret the engine was never told about is still caught by what surrounds it —
// also when the text sits inside a JSON string (a tool call's raw arguments), where its quotes are escaped.
import assert from 'node:assert/strict';
import { REDACTED, redactSecrets, redactValue } from '../../../src/shared';

describe('redactSecrets', () => {
  // [text, what it becomes, the secret in it]
  const cases: Array<[string, string, string]> = [
    ['password = "correct-horse-battery"', `password = "${REDACTED}"`, 'correct-horse-battery'],
    ['"apiKey": "0123456789abcdef"', `"apiKey": "${REDACTED}"`, '0123456789abcdef'],
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG', `aws_secret_access_key=${REDACTED}`, 'wJalrXUtnFEMI/K7MDENG'],
    ['Authorization: Bearer abcdefghijklmnop.qrs', `Authorization: Bearer ${REDACTED}`, 'abcdefghijklmnop.qrs'],
    ['key AKIAIOSFODNN7EXAMPLE here', `key ${REDACTED} here`, 'AKIAIOSFODNN7EXAMPLE'],
  ];
  for (const [text, expected] of cases) {
    it(`redacts ${JSON.stringify(text)}`, () => assert.equal(redactSecrets(text), expected));
  }

  it('redacts the same values inside JSON-encoded text, escaped quotes and all', () => {
    for (const [text, , secret] of cases) {
      const encoded = redactSecrets(JSON.stringify({ input: `+${text}\n` }));
      assert.ok(!encoded.includes(secret), `${encoded} still holds ${secret}`);
      assert.doesNotThrow(() => JSON.parse(encoded), 'still valid JSON');
    }
  });

  it('leaves ordinary text and short values alone', () => {
    for (const text of ['password = "short"', 'the api key is in SecretStorage', 'Bearer token']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  it('redacts every string of a record, keys untouched', () => {
    const out = redactValue({ rawArguments: JSON.stringify({ input: 'password: hunter2hunter2' }), n: 3 });
    assert.deepEqual(out, { rawArguments: JSON.stringify({ input: `password: ${REDACTED}` }), n: 3 });
  });
});
