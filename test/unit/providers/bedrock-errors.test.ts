// The error table itself, for the inputs the loopback server cannot produce on the wire (other AWS error
// codes, Node network codes, credential-provider messages), plus a refused connection on a real socket.
import assert from 'node:assert/strict';
import net from 'node:net';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { retryAfterMs, toModelError } from '../../../src/providers/bedrock/error-mapping';
import { CREDS, bedrockProfile, failureOf, testDeps, userRequest } from './bedrock-test-kit';

function awsError(name: string, message: string, status?: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(message), { name, $fault: status && status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, requestId: 'req-1' }, $response: { headers } });
}

describe('Bedrock adapter: error mapping', () => {
  const ctx = { modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', region: 'eu-west-1', awsProfile: 'work', auth: 'chain' as const };

  it('maps every AWS error code to its kind', () => {
    const cases: Array<[ReturnType<typeof awsError>, string]> = [
      [awsError('ThrottlingException', 'Too many tokens, please wait before trying again.', 429), 'throttled'],
      [awsError('ModelNotReadyException', 'Model is not ready', 429), 'server'],
      [awsError('ModelTimeoutException', 'timed out', 408), 'server'],
      [awsError('ModelErrorException', 'model failed', 424), 'server'],
      [awsError('InternalServerException', 'oops', 500), 'server'],
      [awsError('ServiceUnavailableException', 'unavailable', 503), 'server'],
      [awsError('UnknownError', 'bad gateway', 502), 'server'],
      [awsError('ValidationException', 'prompt is too long: 210000 tokens > 200000 maximum', 400), 'contextTooLong'],
      [awsError('ValidationException', 'The model returned the following errors: input length and `max_tokens` exceed context limit', 400), 'contextTooLong'],
      [awsError('ValidationException', 'messages.1.content: blank', 400), 'invalidRequest'],
      [awsError('ResourceNotFoundException', 'Model not found', 404), 'invalidRequest'],
      [awsError('ServiceQuotaExceededException', 'quota', 400), 'quota'],
      [awsError('ExpiredTokenException', 'The security token included in the request is expired', 403), 'authExpired'],
      [awsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403), 'authInvalid'],
      [awsError('InvalidSignatureException', 'signature mismatch', 403), 'authInvalid'],
      [awsError('IncompleteSignatureException', 'incomplete', 403), 'authInvalid'],
      [awsError('AccessDeniedException', 'User is not authorized to perform: bedrock:InvokeModelWithResponseStream', 403), 'accessDenied'],
      [awsError('AccessDeniedException', 'Authentication failed: Bearer Token has expired', 403), 'authExpired'],
    ];
    for (const [error, kind] of cases) assert.equal(toModelError(error, ctx).kind, kind, `${error.name}: ${error.message}`);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs({ 'retry-after': '1.5' }), 1500);
    assert.equal(retryAfterMs({ 'retry-after': new Date(10_000 + 4000).toUTCString() }, 10_000), 4000);
    assert.equal(retryAfterMs({ 'retry-after': 'soon' }), undefined);
    assert.equal(toModelError(awsError('ThrottlingException', 'slow down', 429, { 'retry-after': '7' }), ctx).retryAfterMs, 7000);
  });

  it('gives an expired SSO profile the login command, other expired credentials a refresh hint', () => {
    const sso = toModelError(awsError('ExpiredTokenException', 'The security token included in the request is expired', 403), { ...ctx, sso: true });
    assert.equal(sso.fixCommand, 'aws sso login --profile work');
    const plain = toModelError(awsError('ExpiredTokenException', 'The security token included in the request is expired', 403), ctx);
    assert.equal(plain.fixCommand, undefined);
    const provider = toModelError(Object.assign(new Error('Token is expired. To refresh this SSO session run \'aws sso login\' with the corresponding profile.'), { name: 'TokenProviderError' }), ctx);
    assert.equal(provider.kind, 'authExpired');
    assert.equal(provider.fixCommand, 'aws sso login --profile work');
  });

  it('maps Node network failures and aborts', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'ERR_HTTP2_STREAM_ERROR']) {
      assert.equal(toModelError(Object.assign(new Error(`x ${code}`), { code }), ctx).kind, 'network', code);
    }
    assert.equal(toModelError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).kind, 'network');
    assert.equal(toModelError(Object.assign(new Error('Stream timed out because of no activity'), { name: 'TimeoutError' })).kind, 'network');
    assert.equal(toModelError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })).kind, 'cancelled');
    assert.equal(toModelError(new Error('anything'), { aborted: true }).kind, 'cancelled');
    assert.equal(toModelError(new TypeError('x is undefined')).kind, 'internal');
  });

  it('never repeats a key or token that appears in an upstream message', () => {
    const leaked = toModelError(awsError('ValidationException', 'bad header Authorization: Bearer ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQtdmFsdWUtMDAwMQ== and AKIAABCDEFGHIJKLMNOP', 400), ctx);
    assert.ok(!leaked.message.includes('ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ'));
    assert.ok(!leaked.message.includes('AKIAABCDEFGHIJKLMNOP'));
  });

  it('a refused connection on a real socket → network', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const deps = testDeps({ AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey });
    const error = await failureOf(createBedrockClient(bedrockProfile(undefined, { endpoint: `http://127.0.0.1:${port}` }), deps).stream(userRequest('hi')));
    assert.equal(error.kind, 'network');
    assert.ok(error.retryable);
  });
});
