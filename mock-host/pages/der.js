// A minimal DER reader for the soft e-key: enough of X.509 (RFC 5280), PKCS#8 (RFC 5208) and
// the EC and RSA private key structures (RFC 5915, RFC 8017) to read a certificate's subject and
// validity and to tell which certificate a private key belongs to. It reads, never verifies:
// the host checks every certificate and signature with OpenSSL.

/** A DER element: its tag byte and the [start, end) of its contents within `bytes`. */
export function readTlv(bytes, offset) {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  const end = start + length;
  if (tag === undefined || end > bytes.length) throw new Error('truncated DER');
  return { tag, start, end, bytes };
}

/** The elements inside a constructed element. */
export function children(tlv) {
  const out = [];
  for (let offset = tlv.start; offset < tlv.end;) {
    const child = readTlv(tlv.bytes, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** The contents of an element. */
export const contents = (tlv) => tlv.bytes.subarray(tlv.start, tlv.end);

export const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** An OBJECT IDENTIFIER as dotted text. */
export function oidText(tlv) {
  const b = contents(tlv);
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let value = 0;
  for (const byte of b.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A UTCTime or GeneralizedTime (UTC, `Z`) as a Date. */
export function timeOf(tlv) {
  const text = new TextDecoder().decode(contents(tlv));
  const m = tlv.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new Error(`unsupported time ${text}`);
  let year = Number(m[1]);
  if (tlv.tag === 0x17) year += year >= 50 ? 1900 : 2000;  // RFC 5280 4.1.2.5.1
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** A directory string (UTF8String, PrintableString, IA5String, BMPString) as text. */
export function stringOf(tlv) {
  const b = contents(tlv);
  return tlv.tag === 0x1e ? new TextDecoder('utf-16be').decode(b) : new TextDecoder().decode(b);
}
