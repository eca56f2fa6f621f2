import assert from 'node:assert/strict';
import { mentionAt, withMention } from '../../../media/state/mention-query';

describe('the @query at the caret', () => {
  it('starts at an @ at the start or after a space and runs to the caret', () => {
    assert.deepEqual(mentionAt('@ap', 3), { start: 0, query: 'ap' });
    assert.deepEqual(mentionAt('Explain @src/app please', 'Explain @src/app'.length), { start: 8, query: 'src/app' });
    assert.deepEqual(mentionAt('look\n@', 6), { start: 5, query: '' });
  });

  it('is not an e-mail address, a finished mention followed by a space, or text without an @', () => {
    assert.equal(mentionAt('me@example.com', 14), undefined);
    assert.equal(mentionAt('@app.ts and', 11), undefined);
    assert.equal(mentionAt('plain text', 5), undefined);
    assert.equal(mentionAt(`@${'a'.repeat(300)}`, 301), undefined);
  });

  it('a pick replaces the @query with @label and a space, keeping the rest, the caret after it', () => {
    assert.deepEqual(withMention('Explain @ap', { start: 8, query: 'ap' }, 'app.ts'), { text: 'Explain @app.ts ', caret: 16 });
    assert.deepEqual(withMention('@pa and more', { start: 0, query: 'pa' }, 'parse'), { text: '@parse and more', caret: 7 });
    assert.equal(withMention('@', { start: 0, query: '' }, 'my file.ts').text, '@my_file.ts ');
  });
});
