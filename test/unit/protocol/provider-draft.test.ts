import assert from 'node:assert/strict';
import { engineRequests } from '../../../src/protocol';

describe('protocol: provider/test and provider/models', () => {
  const draft = { name: 'new', provider: 'openai', model: 'gpt-5', auth: { type: 'apiKey', secretId: 'crosswind.key.1' } };

  it('take a saved profile by name, or the picker’s draft (validated as a profile)', () => {
    for (const method of ['provider/test', 'provider/models'] as const) {
      const params = engineRequests[method].params;
      assert.equal(params.safeParse({ profile: 'bedrock-us' }).success, true, method);
      const parsed = params.safeParse({ draft });
      assert.ok(parsed.success, method);
      assert.equal(parsed.data.draft?.provider === 'openai' && parsed.data.draft.api, 'responses', 'defaults applied');
      assert.equal(params.safeParse({ draft: { ...draft, provider: 'gcp' } }).success, false, 'an invalid draft');
    }
  });

  it('refuse both at once, or neither', () => {
    const params = engineRequests['provider/test'].params;
    assert.equal(params.safeParse({ profile: 'x', draft }).success, false);
    assert.equal(params.safeParse({}).success, false);
  });
});
