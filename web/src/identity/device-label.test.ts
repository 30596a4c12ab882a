// A new passkey's default name says the device and browser in words a person knows, not
// navigator.platform ("Linux x86_64", "Linux armv8l", "Win32", "MacIntel"), which gave two
// passkeys of one person the same technical name.
import { describe, expect, it } from 'vitest';
import { deviceLabel } from './device-label.ts';

const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidSamsung: 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36',
  windowsEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0',
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:131.0) Gecko/20100101 Firefox/131.0',
  linuxChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ipadSafari: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  naverIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 NAVER(inapp; search; 2000; 12.6.3)',
};

describe('deviceLabel', () => {
  it('names the device and the browser', () => {
    expect(deviceLabel(UA.iphoneSafari)).toBe('iPhone · Safari');
    expect(deviceLabel(UA.ipadSafari)).toBe('iPad · Safari');
    expect(deviceLabel(UA.androidSamsung)).toBe('Android · Samsung Internet'); // before Chrome: its UA also says Chrome
    expect(deviceLabel(UA.androidChrome)).toBe('Android · Chrome');
    expect(deviceLabel(UA.windowsEdge)).toBe('Windows · Edge'); // before Chrome
    expect(deviceLabel(UA.macFirefox)).toBe('Mac · Firefox');
    expect(deviceLabel(UA.linuxChrome)).toBe('Linux · Chrome'); // not "Linux x86_64"
  });
  it('an unknown browser leaves the device alone; nothing known leaves the server to name it', () => {
    expect(deviceLabel(UA.naverIphone)).toBe('iPhone');
    expect(deviceLabel('curl/8.5.0')).toBe('');
  });
});
