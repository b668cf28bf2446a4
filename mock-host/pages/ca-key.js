// The soft e-key's signature over the host's CA nonce, made in the browser with a PKCS#8
// private key: RSA keys sign with RSASSA-PKCS1-v1_5/SHA-256 and P-256 keys with ECDSA/SHA-256
// (WebCrypto), SM2 keys with SM2/SM3 and the GM/T default ID 1234567812345678 (sm-crypto's
// prebuilt bundle, embedded in the host at build time and loaded only for SM2 keys). The host
// verifies with OpenSSL, which wants ECDSA and SM2 signatures DER-encoded (mock-host/auth/ca_verifier.cpp).
import { pemBlocks, readPrivateKey } from './pkix.js';

/** Error whose message is meant for the user (Chinese). */
export class KeyError extends Error {}

export function bytesToBase64(bytes) {
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
}

export function base64ToBytes(b64) {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

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

/** sm-crypto's SM2 module (a UMD bundle: run as a module it sets globalThis.sm2), loaded once. */
let sm2Module = null;
function loadSm2() {
  sm2Module ??= import('./sm-crypto-sm2.js').then(() => {
    if (!globalThis.sm2?.doSignature) throw new KeyError('国密 SM2 签名组件加载失败');
    return globalThis.sm2;
  });
  return sm2Module;
}

/**
 * SM2 with SM3 over Z_A (the default ID 1234567812345678) and the message, DER-encoded. The point
 * is taken from the key when it carries one, else derived from the scalar.
 */
async function signSm2(key, message) {
  const sm2 = await loadSm2();
  const publicKey = key.publicHex ?? sm2.getPublicKeyFromPrivateKey(key.privateHex);
  const signature = sm2.doSignature(Array.from(message), key.privateHex, { hash: true, der: true, publicKey });
  return hexToBytes(signature);
}

/**
 * Signs `message` (bytes) with the PKCS#8 PEM private key `keyPem`; returns the signature bytes
 * in the form the host verifies. Throws KeyError with a message for the user.
 */
export async function signWithPem(keyPem, message) {
  if (!globalThis.crypto?.subtle) throw new KeyError('当前浏览器不支持 WebCrypto，无法使用软电子钥匙');
  const der = pemBlocks(keyPem, 'PRIVATE KEY')[0];
  if (!der) {
    if (/BEGIN (RSA |EC )PRIVATE KEY/.test(keyPem)) {
      throw new KeyError('私钥须为 PKCS#8 格式（-----BEGIN PRIVATE KEY-----），可用 openssl pkcs8 -topk8 -nocrypt 转换');
    }
    throw new KeyError('私钥文件不是 PEM 格式的 PKCS#8 私钥');
  }
  try {
    const key = readPrivateKey(der);
    const algorithm = key.algorithm;
    switch (algorithm) {
      case 'RSA': {
        const handle = await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
                                                     false, ['sign']);
        return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', handle, message));
      }
      case 'P-256': {
        const handle = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false,
                                                     ['sign']);
        const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, handle, message));
        return ecdsaRawToDer(raw);
      }
      case 'SM2':
        return await signSm2(key, message);
      default:
        throw new KeyError('不支持的私钥算法：软电子钥匙支持 RSA、ECDSA P-256 和国密 SM2 私钥');
    }
  } catch (e) {
    if (e instanceof KeyError) throw e;
    throw new KeyError('私钥无法用于签名：' + (e?.message || e));
  }
}
