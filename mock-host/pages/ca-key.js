// The soft e-key of the dev login: signs the host's CA nonce with a PKCS#8 private key in the
// browser (WebCrypto). RSA keys sign with RSASSA-PKCS1-v1_5/SHA-256, P-256 keys with
// ECDSA/SHA-256; the host verifies with OpenSSL, which wants ECDSA signatures DER-encoded, while
// WebCrypto returns r||s, so the signature is re-encoded. SM2 is not in WebCrypto.

/** Error whose message is meant for the user (Chinese). */
export class KeyError extends Error {}

/** The DER bytes of the first PEM block labelled `label` in `text`, or null. */
export function pemBlock(text, label) {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`);
  const m = re.exec(text);
  if (!m) return null;
  const b64 = m[1].replace(/\s+/g, '');
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes) {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function contains(haystack, needle) {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

// Object identifiers as DER content bytes (after tag 06 and length).
const OID_RSA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];  // 1.2.840.113549.1.1.1
const OID_EC = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];              // 1.2.840.10045.2.1
const OID_P256 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];      // 1.2.840.10045.3.1.7
const OID_SM2 = [0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];       // 1.2.156.10197.1.301

function withTag(oid) { return [0x06, oid.length, ...oid]; }

/** Which algorithm a PKCS#8 key uses: 'RSA', 'P-256', 'SM2' or 'unknown' (from its OIDs). */
export function keyAlgorithm(pkcs8) {
  // The AlgorithmIdentifier sits in the first few dozen bytes; look there only.
  const head = pkcs8.subarray(0, 64);
  if (contains(head, withTag(OID_SM2))) return 'SM2';
  if (contains(head, withTag(OID_RSA))) return 'RSA';
  if (contains(head, withTag(OID_EC))) return contains(head, withTag(OID_P256)) ? 'P-256' : 'EC-other';
  return 'unknown';
}

/** A DER INTEGER of the unsigned big-endian `bytes`. */
function derInteger(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let body = Array.from(bytes.subarray(i));
  if (body[0] & 0x80) body = [0, ...body];
  return [0x02, body.length, ...body];
}

/** WebCrypto's r||s ECDSA signature as the DER SEQUENCE { r INTEGER, s INTEGER } OpenSSL reads. */
export function ecdsaRawToDer(raw) {
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  const body = [...r, ...s];
  return new Uint8Array([0x30, body.length, ...body]);  // < 128 bytes for P-256
}

/**
 * Signs `message` (bytes) with the PKCS#8 PEM private key `keyPem`; returns the signature bytes
 * in the form the host verifies. Throws KeyError with a message for the user.
 */
export async function signWithPem(keyPem, message) {
  if (!globalThis.crypto?.subtle) throw new KeyError('当前浏览器不支持 WebCrypto，无法使用软电子钥匙');
  const der = pemBlock(keyPem, 'PRIVATE KEY');
  if (!der) {
    if (/BEGIN (RSA |EC )PRIVATE KEY/.test(keyPem)) {
      throw new KeyError('私钥须为 PKCS#8 格式（-----BEGIN PRIVATE KEY-----），可用 openssl pkcs8 -topk8 -nocrypt 转换');
    }
    throw new KeyError('私钥文件不是 PEM 格式的 PKCS#8 私钥');
  }
  const algorithm = keyAlgorithm(der);
  try {
    switch (algorithm) {
      case 'RSA': {
        const key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
                                                  false, ['sign']);
        return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, message));
      }
      case 'P-256': {
        const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false,
                                                  ['sign']);
        const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, message));
        return ecdsaRawToDer(raw);
      }
      case 'SM2':
        throw new KeyError('这是国密 SM2 私钥：浏览器 WebCrypto 不支持 SM2 签名，请安装电子钥匙驱动后使用电子钥匙登录');
      default:
        throw new KeyError('不支持的私钥算法：软电子钥匙仅支持 RSA 和 ECDSA P-256 私钥');
    }
  } catch (e) {
    if (e instanceof KeyError) throw e;
    throw new KeyError('私钥无法用于签名：' + (e?.message || e));
  }
}
