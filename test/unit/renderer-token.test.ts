import { describe, expect, it } from 'vitest';
import { splitTokenFromUrl } from '../../src-renderer/src/transport/token';

describe('splitTokenFromUrl', () => {
  it('takes the token `drm serve` printed and leaves a clean address', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4173/?token=abc-DEF_123')).toEqual({
      token: 'abc-DEF_123',
      cleanUrl: '/',
    });
  });

  it('keeps other parameters and the hash route', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4173/?lang=ja&token=t0k&x=1#/status')).toEqual({
      token: 't0k',
      cleanUrl: '/?lang=ja&x=1#/status',
    });
  });

  it('decodes an encoded token', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4173/?token=a%2Bb%3D').token).toBe('a+b=');
  });

  it('reports no token when there is none or it is empty', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4173/#/funnel')).toEqual({ token: null, cleanUrl: '/#/funnel' });
    expect(splitTokenFromUrl('http://127.0.0.1:4173/?token=')).toEqual({ token: null, cleanUrl: '/' });
  });

  it('does not read a token from the hash (only the query carries it)', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4173/#/status?token=nope').token).toBeNull();
  });
});
