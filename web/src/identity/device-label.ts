// The default name of a passkey registered on this device: the device and browser as a person
// knows them ("iPhone · Safari"), so two passkeys can be told apart. Empty when neither is known:
// the server then names it "패스키 N" (register-passkey.ts).

/** Checked in order: an Android phone's UA also says "Linux", an iPhone's "Mac OS X". */
const DEVICES: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Macintosh|Mac OS X/, 'Mac'],
  [/Linux/, 'Linux'],
];

/** Checked in order: Samsung Internet, Edge, Opera and Whale also say "Chrome"; Chrome says "Safari". */
const BROWSERS: [RegExp, string][] = [
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Whale\//, 'Whale'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

export function deviceLabel(userAgent: string): string {
  const device = DEVICES.find(([re]) => re.test(userAgent))?.[1];
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  return [device, browser].filter(Boolean).join(' · ');
}
