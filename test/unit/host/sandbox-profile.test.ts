// The sandbox arguments as built, for the platform this repository's tests cannot run (macOS) and for
// the order of bubblewrap's mounts (a later mount covers an earlier one).
import assert from 'node:assert/strict';
import { bubblewrapArgs } from '../../../src/host/sandbox/bubblewrap';
import type { SandboxPolicy } from '../../../src/host/sandbox/sandbox-policy';
import { seatbeltProfile, SeatbeltSandbox } from '../../../src/host/sandbox/seatbelt';

const policy: SandboxPolicy = {
  writableRoots: ['/work/repo'],
  readOnlyPaths: ['/work/repo/.git/hooks'],
  hiddenPaths: ['/home/u/.aws', '/work/repo/.crosswind'],
  tempDir: '/private/tmp/crosswind-cmd-1',
  network: false,
};

describe('sandbox arguments', () => {
  it('macOS: denies writes but to the workspace and temp, hides credentials, denies the network and other processes; paths only as parameters', () => {
    const { profile, params } = seatbeltProfile(policy);
    assert.ok(profile.includes('(deny file-write*)'));
    assert.match(profile, /\(allow file-write\* \(subpath \(param "WRITABLE_0"\)\) \(subpath \(param "TEMP_0"\)\)/);
    assert.match(profile, /\(deny file-write\* \(subpath \(param "READONLY_0"\)\)\)/);
    assert.match(profile, /\(deny file-read\* file-write\* \(subpath \(param "HIDDEN_0"\)\) \(subpath \(param "HIDDEN_1"\)\)\)/);
    assert.ok(profile.includes('(deny network*)'));
    assert.ok(profile.includes('(allow process-info* (target same-sandbox))'));
    assert.ok(!profile.includes('/work/repo'), 'a path was spliced into the profile text');
    assert.deepEqual(params, { WRITABLE_0: '/work/repo', TEMP_0: '/private/tmp/crosswind-cmd-1', READONLY_0: '/work/repo/.git/hooks', HIDDEN_0: '/home/u/.aws', HIDDEN_1: '/work/repo/.crosswind' });
    assert.ok(!seatbeltProfile({ ...policy, network: true }).profile.includes('(deny network*)'));
    const wrapped = new SeatbeltSandbox().wrap(['git', 'status'], '/work/repo', policy);
    assert.equal(wrapped.file, '/usr/bin/sandbox-exec');
    assert.deepEqual(wrapped.args.slice(-3), ['--', 'git', 'status']);
  });

  it('Linux: namespaces and no capabilities first, then /tmp, the workspace, its read-only parts, the hidden paths last', () => {
    const args = bubblewrapArgs('/work/repo', { ...policy, hiddenPaths: [], tempDir: '/tmp' });
    assert.deepEqual(args.slice(0, 6), ['--die-with-parent', '--new-session', '--unshare-all', '--cap-drop', 'ALL', '--ro-bind']);
    const at = (flag: string, target: string) => args.findIndex((a, i) => a === flag && args[i + 2] === target);
    assert.ok(at('--bind', '/work/repo') > args.indexOf('/tmp'));
    assert.ok(at('--ro-bind', '/work/repo/.git/hooks') > at('--bind', '/work/repo'));
    assert.ok(args.includes('--share-net') === false);
    assert.ok(bubblewrapArgs('/work/repo', { ...policy, hiddenPaths: [], tempDir: '/tmp', network: true }).includes('--share-net'));
  });
});
