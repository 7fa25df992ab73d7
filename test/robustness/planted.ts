// The secret values planted in test/fixtures/secrets/planted.yaml, and the check that an output
// holds none of them (nor a 12-character fragment of one).
import assert from 'node:assert/strict';

export const PLANTED = [
  'Zm9vYmFyYmF6cXV4c2VjcmV0Q2xpZW50U2VjcmV0MQ',
  'q+W3rT5yU7iO9pA1sD3fG5hJ7kL9zX1cV3bN5mQ7wE0=',
  '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'tooShortSecretValue7',
  'Mf8qL2vR9xT4wY6zA1bC3dE5fG7hJ9kL0nP2rS4uV6',
  'dGhpcyBpcyBub3QgYSB2YWxpZCBzZWNyZXQ=',
  'this is not a valid secret',
  'Hx7Kq2Lm9Np4Rs6Tv8Wy0Za3Bc5De7Fg',
  'Gh0Pq1Rs2Tu3Vw4Xy5Za6Bc7De8Fg9Hi',
  'St4tIcCl1entS3cr3tV4lueXyZ0123456',
  'AgCiPh3rT3xtTh4tMu5tN3v3rB3Pr1nt3d',
  'GrAfAnAcL1eNtS3cReTpl41nT3xt9876',
];

export function assertNoSecret(where: string, output: string): void {
  for (const s of PLANTED) {
    assert.ok(!output.includes(s), `${where} contains a planted secret (${s.length} characters, starting ${s.slice(0, 3)}…)`);
    // Also no long fragment of one (a message that quotes half a secret still leaks it).
    for (let i = 0; i + 12 <= s.length; i += 6) assert.ok(!output.includes(s.slice(i, i + 12)), `${where} contains a fragment of a planted secret`);
  }
}
