import { describe, expect, it } from 'vitest';
import { parseAuthorizationHeader, signatureBaseString, verifyOAuth1 } from '../../src/local-x/oauth-verifier.js';
import { buildUrl, OAuthSigner, percentEncode } from '../../src/twitter/oauth-signer.js';

describe('OAuth 1.0a signing', () => {
  it("reproduces X's published signature example", () => {
    // docs.x.com "Creating a signature": the example request and credentials.
    const signer = new OAuthSigner(
      { key: 'xvz1evFS4wEEPTGEFPHBog', secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' },
      { nonce: () => 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: () => 1318622958 },
    );
    const header = signer.authorization(
      {
        method: 'POST',
        url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
        form: { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' },
      },
      { key: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE' },
    );
    expect(parseAuthorizationHeader(header).get('oauth_signature')).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it("checks RFC 5849 §1.2's HMAC-SHA1 example both ways", () => {
    const consumer = { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' };
    const token = { key: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' };
    const url = 'http://photos.example.net/photos?file=vacation.jpg&size=original';
    // The RFC's own header (it has no oauth_version) verifies with the published signature...
    const rfcHeader =
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", ' +
      'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", ' +
      'oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"';
    expect(verifyOAuth1({ method: 'GET', url, authorization: rfcHeader }, consumer, () => token.secret).ok).toBe(true);
    // ...and what our signer sends for the same request verifies too.
    const signer = new OAuthSigner(consumer, { nonce: () => 'chapoH', timestamp: () => 137131202 });
    const ours = signer.authorization({ method: 'GET', url }, token);
    expect(verifyOAuth1({ method: 'GET', url, authorization: ours }, consumer, () => token.secret).ok).toBe(true);
  });

  it("the independent verifier builds RFC 5849 §3.4.1.1's base string exactly", () => {
    const pairs: Array<[string, string]> = [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ];
    expect(signatureBaseString('POST', 'http://example.com/request', pairs)).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs the exact URL called, with spaces as %20, and passes the independent verifier', () => {
    const consumer = { key: 'ck', secret: 'cs' };
    const token = { key: 'tk', secret: 'ts' };
    const signer = new OAuthSigner(consumer);
    const url = buildUrl('https://api.x.com', '/2/tweets/search/recent', { query: 'from:ada lang:en', max_results: 10, next: undefined });
    expect(url).toBe('https://api.x.com/2/tweets/search/recent?query=from%3Aada%20lang%3Aen&max_results=10');
    const authorization = signer.authorization({ method: 'GET', url }, token);
    expect(authorization).not.toContain('undefined');
    expect(verifyOAuth1({ method: 'GET', url, authorization }, consumer, () => token.secret).ok).toBe(true);
    // Any change to the URL breaks the signature.
    expect(verifyOAuth1({ method: 'GET', url: url.replace('10', '11'), authorization }, consumer, () => token.secret).ok).toBe(false);
  });

  it('signs and sends oauth_callback in the header of a request-token call', () => {
    const consumer = { key: 'ck', secret: 'cs' };
    const header = new OAuthSigner(consumer).authorization({
      method: 'POST',
      url: 'https://api.x.com/oauth/request_token',
      oauthParams: { oauth_callback: 'https://bot.example/twitter/callback' },
    });
    const params = parseAuthorizationHeader(header);
    expect(params.get('oauth_callback')).toBe('https://bot.example/twitter/callback');
    expect(params.get('oauth_signature_method')).toBe('HMAC-SHA1');
    expect(params.has('oauth_token')).toBe(false);
    expect(
      verifyOAuth1({ method: 'POST', url: 'https://api.x.com/oauth/request_token', authorization: header }, consumer, () => '').ok,
    ).toBe(true);
  });

  it('refuses to sign an undefined OAuth parameter instead of signing the text "undefined"', () => {
    const signer = new OAuthSigner({ key: 'ck', secret: 'cs' });
    expect(() =>
      signer.authorization({ method: 'POST', url: 'https://api.x.com/x', oauthParams: { oauth_verifier: undefined as unknown as string } }),
    ).toThrow(/must be a string/);
  });

  it('percent-encodes per RFC 3986', () => {
    expect(percentEncode("Ladies + Gentlemen, a signed OAuth request!*'()")).toBe(
      'Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21%2A%27%28%29',
    );
  });
});
