// The whole state of the page in the URL's fragment (never sent to the server), with the language version it was made
// with: #reglament=1&app=0.1.0&state=<base64url of deflated JSON> (or &plain=<base64url JSON> without compression).

const toBase64URL = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

const fromBase64URL = (text) => {
  const s = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
};

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeState(state, { languageVersion, appVersion }) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const head = `reglament=${encodeURIComponent(languageVersion)}&app=${encodeURIComponent(appVersion)}`;
  if (typeof CompressionStream === 'function') {
    return `${head}&state=${toBase64URL(await pipe(json, new CompressionStream('deflate-raw')))}`;
  }
  return `${head}&plain=${toBase64URL(json)}`;
}

/// The state in a fragment, with the versions it names; null when the fragment holds none.
export async function decodeState(fragment) {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const packed = params.get('state'), plain = params.get('plain');
  if (!packed && !plain) return null;
  const bytes = packed ? await pipe(fromBase64URL(packed), new DecompressionStream('deflate-raw')) : fromBase64URL(plain);
  return {
    languageVersion: params.get('reglament'),
    appVersion: params.get('app'),
    state: JSON.parse(new TextDecoder().decode(bytes)),
  };
}
