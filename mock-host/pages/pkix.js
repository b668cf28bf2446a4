// Certificates and PKCS#8 private keys of a soft e-key, read with der.js: the subject (CN, O and
// the USCC in serialNumber, as the host's CAs issue them), the validity window, the key algorithm
// (RSA, ECDSA P-256 or SM2) and a public-key id that pairs each certificate with its key.
import { children, contents, oidText, readTlv, stringOf, timeOf, toHex } from './der.js';

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const OID_P256 = '1.2.840.10045.3.1.7';
const OID_SM2 = '1.2.156.10197.1.301';
const NAME_PARTS = { '2.5.4.3': 'cn', '2.5.4.10': 'o', '2.5.4.5': 'serialNumber' };

/** Every PEM block labelled `label` in `text`, as DER bytes. */
export function pemBlocks(text, label) {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  const out = [];
  for (const m of text.matchAll(re)) {
    const bin = atob(m[1].replace(/\s+/g, ''));
    out.push(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  }
  return out;
}

/** DER bytes as a PEM block. */
export function toPem(der, label) {
  const b64 = btoa(String.fromCharCode(...der)).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** 'RSA', 'P-256', 'SM2' or 'unsupported' from an AlgorithmIdentifier. */
function algorithmOf(algorithmIdentifier) {
  const [oid, parameter] = children(algorithmIdentifier);
  const algorithm = oidText(oid);
  const curve = parameter?.tag === 0x06 ? oidText(parameter) : null;
  if (algorithm === OID_RSA) return 'RSA';
  if (algorithm === OID_SM2 || (algorithm === OID_EC && curve === OID_SM2)) return 'SM2';
  if (algorithm === OID_EC && curve === OID_P256) return 'P-256';
  return 'unsupported';
}

/** An unsigned big-endian INTEGER as hex without leading zero bytes. */
const integerHex = (tlv) => toHex(contents(tlv)).replace(/^(00)+(?=..)/, '');

function nameOf(name) {
  const out = {};
  for (const rdn of children(name)) {
    for (const attribute of children(rdn)) {
      const [oid, value] = children(attribute);
      const part = NAME_PARTS[oidText(oid)];
      if (part) out[part] = stringOf(value);
    }
  }
  return out;
}

/**
 * A certificate's facts: `{subject: {cn, o, serialNumber}, issuer, notBefore, notAfter,
 * algorithm, publicKeyId}`. The public-key id is the RSA modulus or the EC point, in hex.
 */
export function readCertificate(der) {
  const [tbs] = children(readTlv(der, 0));
  let fields = children(tbs);
  if (fields[0].tag === 0xa0) fields = fields.slice(1);  // [0] version
  const [, , issuer, validity, subject, spki] = fields;
  const [notBefore, notAfter] = children(validity);
  const [algorithmIdentifier, bits] = children(spki);
  const algorithm = algorithmOf(algorithmIdentifier);
  const key = contents(bits).subarray(1);  // after the unused-bits byte
  const publicKeyId = algorithm === 'RSA' ? integerHex(children(readTlv(key, 0))[0]) : toHex(key);
  return {
    subject: nameOf(subject), issuer: nameOf(issuer), notBefore: timeOf(notBefore), notAfter: timeOf(notAfter),
    algorithm, publicKeyId,
  };
}

/**
 * A PKCS#8 private key's facts: `{algorithm, publicKeyId}`, and for EC keys `privateHex` (the
 * scalar) and `publicHex` (the uncompressed point, when the key carries it, as OpenSSL writes it).
 */
export function readPrivateKey(der) {
  const [, algorithmIdentifier, wrapped] = children(readTlv(der, 0));
  const algorithm = algorithmOf(algorithmIdentifier);
  const inner = readTlv(contents(wrapped), 0);
  if (algorithm === 'RSA') return { algorithm, publicKeyId: integerHex(children(inner)[1]) };
  if (algorithm === 'unsupported') return { algorithm, publicKeyId: null };
  const parts = children(inner);  // ECPrivateKey: version, privateKey, [0] parameters, [1] publicKey
  const publicKey = parts.find((p) => p.tag === 0xa1);
  const publicHex = publicKey ? toHex(contents(children(publicKey)[0]).subarray(1)) : null;
  return { algorithm, publicKeyId: publicHex, privateHex: toHex(contents(parts[1])), publicHex };
}
