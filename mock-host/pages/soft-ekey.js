// The soft e-key of the dev login: the PEM files a user picks on the login page stand for the USB
// key, which may hold several certificates (a renewed one beside an expired one, or one per CA),
// each with its private key. "Inserted" means kept in this tab's sessionStorage, so that the
// 选择对应在有效期内的CA step after 进入应用 can list them the way a real key's driver does while
// the key stays plugged in. Dev only: a real e-key never hands its private keys to a page.
import { KeyError } from './ca-key.js';
import { pemBlocks, readCertificate, readPrivateKey, toPem } from './pkix.js';

const STORAGE_KEY = 'ucf-soft-ekey';
const SELECTED_KEY = 'ucf-ca-selected';

/**
 * Reads the certificates and PKCS#8 keys in `texts` (file contents) and pairs each certificate
 * with the key of the same public key. Returns the entries, latest `notAfter` first:
 * `{certificate (PEM), privateKey (PEM or null), id, subject, issuer, notBefore, notAfter, algorithm}`.
 */
export function readEkey(texts) {
  const all = texts.join('\n');
  if (/BEGIN (RSA |EC )PRIVATE KEY/.test(all)) {
    throw new KeyError('私钥须为 PKCS#8 格式（-----BEGIN PRIVATE KEY-----），可用 openssl pkcs8 -topk8 -nocrypt 转换');
  }
  let certificates;
  let keys;
  try {
    keys = pemBlocks(all, 'PRIVATE KEY').map((der) => ({ der, ...readPrivateKey(der) }));
    certificates = pemBlocks(all, 'CERTIFICATE').map((der) => ({ der, ...readCertificate(der) }));
  } catch {
    throw new KeyError('电子钥匙文件无法读取：应为 PEM 格式的证书和 PKCS#8 私钥');
  }
  if (!certificates.length) throw new KeyError('电子钥匙中没有证书');
  return certificates.map((c) => {
    const key = keys.find((k) => k.publicKeyId && k.publicKeyId === c.publicKeyId);
    return {
      certificate: toPem(c.der, 'CERTIFICATE'),
      privateKey: key ? toPem(key.der, 'PRIVATE KEY') : null,
      id: c.publicKeyId.slice(-16) + c.notAfter.getTime().toString(36),
      subject: c.subject, issuer: c.issuer, notBefore: c.notBefore, notAfter: c.notAfter, algorithm: c.algorithm,
    };
  }).sort((a, b) => b.notAfter - a.notAfter);
}

/** 'valid', 'expired' or 'not_yet_valid' at `now` (the host decides at login; this is for showing). */
export function validityOf(entry, now = new Date()) {
  if (now < entry.notBefore) return 'not_yet_valid';
  if (now > entry.notAfter) return 'expired';
  return 'valid';
}

export const VALIDITY_LABELS = { valid: '有效', expired: '已过期', not_yet_valid: '尚未生效' };

/** The entry to log in with: the usable certificate (valid, with its key) that lasts longest. */
export function loginEntry(entries, now = new Date()) {
  return entries.find((e) => e.privateKey && validityOf(e, now) === 'valid') ?? null;
}

/** Keeps the key's files for this tab (the key stays inserted). */
export function insertEkey(entries) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries.map((e) => [e.certificate, e.privateKey ?? ''])));
  sessionStorage.removeItem(SELECTED_KEY);
}

/** The inserted key's entries, or null when none is inserted in this tab. */
export function insertedEkey() {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return readEkey(JSON.parse(raw).flat());
  } catch {
    return null;
  }
}

/** Remembers the certificate chosen at 选择对应在有效期内的CA (its entry id). */
export function selectCertificate(entry) {
  sessionStorage.setItem(SELECTED_KEY, entry.id);
}

/** The entry chosen at 选择对应在有效期内的CA in this tab, or null. */
export function selectedCertificate() {
  const id = sessionStorage.getItem(SELECTED_KEY);
  return id ? insertedEkey()?.find((e) => e.id === id) ?? null : null;
}

/** Pulls the key out: logging out forgets it and the choice. */
export function removeEkey() {
  sessionStorage.removeItem(STORAGE_KEY);
  sessionStorage.removeItem(SELECTED_KEY);
}

/** `YYYY-MM-DD HH:mm` in Beijing time: how the platform shows a certificate's validity. */
export function fmtBeijing(date) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
