#!/usr/bin/env bash
# A soft e-key for trying CA (e-key) login by hand against a mock host in --dev mode:
# curl for HTTP, openssl for keys, certificates and signatures. See docs/dev-login.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/soft-ekey.sh COMMAND [options]

  issue   --username NAME --password PASS [--uscc USCC] [--name ENTERPRISE]
          A certificate and key from the host's dev CA (POST /api/dev/enterprise-certificates),
          with the CA account NAME provisioned with PASS. Writes OUT/NAME.cert.pem and
          OUT/NAME.key.pem.
  sm2     --username NAME [--uscc USCC] [--name ENTERPRISE]
          An SM2 CA and an SM2 e-key made with openssl alone, signed with SM3 and the GM/T
          default ID 1234567812345678 as Chinese CAs do. Writes OUT/sm2-ca.pem (start the host
          with --trusted-ca OUT/sm2-ca.pem), OUT/NAME.cert.pem and OUT/NAME.key.pem; then run
          `account` to provision the CA account.
  account --username NAME --password PASS
          Provisions the CA account of a certificate issued elsewhere (POST /api/dev/ca-accounts).
  login   --cert FILE --key FILE --password PASS
          E-key login: POST /api/auth/ca/challenge with the certificate, signs the 32-byte nonce
          with the key (SHA-256 for RSA and ECDSA keys; SM3 with ID 1234567812345678 for SM2
          keys), POST /api/auth/ca/login. The session cookie goes to OUT/cookies.txt and the CSRF
          token to OUT/csrf-token; then shows GET /api/session.

options for every command:
  --url URL   the mock host (default http://127.0.0.1:8080)
  --out DIR   where files go (default ./var/soft-ekey)
defaults: --uscc 91350100M000100Y43, --name 厦门某某汽车贸易有限公司
EOF
}

[[ $# -ge 1 ]] || { usage >&2; exit 2; }
command=$1
shift
url=http://127.0.0.1:8080
out=./var/soft-ekey
username="" password="" cert="" key=""
uscc=91350100M000100Y43
name=厦门某某汽车贸易有限公司
while [[ $# -gt 0 ]]; do
  case $1 in
    --url) url=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --username) username=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --uscc) uscc=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --cert) cert=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "soft-ekey: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
need() { [[ -n ${!1} ]] || { echo "soft-ekey: $command needs --$1" >&2; exit 2; }; }

# A JSON string literal of $1 (escapes \, " and newlines; the values here hold nothing else).
json_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  printf '"%s"' "$s"
}

# The string member $1 of the JSON object on stdin, unescaped (values without quotes inside).
json_member() {
  sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | sed 's/\\n/\n/g; s/\\\//\//g'
}

# POSTs JSON $2 to path $1; prints the body; fails with the body on a non-2xx answer.
post() {
  local body status
  body=$(curl -sS -w '\n%{http_code}' -X POST "$url$1" -H 'Content-Type: application/json' \
    ${3:+-c "$3"} --data-binary "$2")
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  if [[ $status != 2* ]]; then
    echo "soft-ekey: POST $1 answered $status: $body" >&2
    exit 1
  fi
  printf '%s' "$body"
}

case $command in
  issue)
    need username; need password
    answer=$(post /api/dev/enterprise-certificates "{\"uscc\":$(json_string "$uscc"),\"enterpriseName\":$(json_string "$name"),\"username\":$(json_string "$username"),\"password\":$(json_string "$password")}")
    printf '%s\n' "$answer" | json_member certificate > "$out/$username.cert.pem"
    (umask 077; printf '%s\n' "$answer" | json_member privateKey > "$out/$username.key.pem")
    openssl x509 -in "$out/$username.cert.pem" -noout -subject -enddate -nameopt utf8
    echo "wrote $out/$username.cert.pem and $out/$username.key.pem; CA account $username provisioned"
    ;;
  sm2)
    need username
    id=distid:1234567812345678
    if [[ ! -f $out/sm2-ca.key ]]; then
      openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out "$out/sm2-ca.key"
      openssl req -new -x509 -key "$out/sm2-ca.key" -sm3 -sigopt "$id" -days 3650 \
        -subj '/C=CN/O=Soft e-key test CA/CN=Soft e-key SM2 CA' \
        -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
        -out "$out/sm2-ca.pem"
    fi
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out "$out/$username.key.pem"
    openssl req -new -utf8 -key "$out/$username.key.pem" -sm3 -sigopt "$id" \
      -subj "/C=CN/O=$name/serialNumber=$uscc/CN=$username" -out "$out/$username.csr"
    openssl x509 -req -in "$out/$username.csr" -CA "$out/sm2-ca.pem" -CAkey "$out/sm2-ca.key" \
      -CAcreateserial -days 365 -sm3 -sigopt "$id" -vfyopt "$id" \
      -extfile <(printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n') \
      -out "$out/$username.cert.pem" 2>/dev/null
    openssl verify -CAfile "$out/sm2-ca.pem" -vfyopt "$id" "$out/$username.cert.pem"
    echo "start the host with --trusted-ca $out/sm2-ca.pem, then: scripts/soft-ekey.sh account --username $username --password PASS"
    ;;
  account)
    need username; need password
    post /api/dev/ca-accounts "{\"username\":$(json_string "$username"),\"password\":$(json_string "$password")}"
    echo
    ;;
  login)
    need cert; need key; need password
    challenge=$(post /api/auth/ca/challenge "{\"certificate\":$(json_string "$(cat "$cert")")}")
    challenge_id=$(printf '%s' "$challenge" | json_member challengeId)
    printf '%s' "$challenge" | json_member nonce | base64 -d > "$out/nonce.bin"
    echo "challenge for $(printf '%s' "$challenge" | json_member username) ($(printf '%s' "$challenge" | json_member uscc)), certificate valid until $(printf '%s' "$challenge" | json_member notAfter)"
    if openssl pkey -in "$key" -noout -text 2>/dev/null | grep -q 'ASN1 OID: SM2'; then
      openssl dgst -sm3 -sign "$key" -sigopt distid:1234567812345678 -out "$out/signature.bin" "$out/nonce.bin"
    else
      openssl dgst -sha256 -sign "$key" -out "$out/signature.bin" "$out/nonce.bin"
    fi
    signature=$(base64 -w0 "$out/signature.bin")
    login=$(post /api/auth/ca/login "{\"challengeId\":\"$challenge_id\",\"signature\":\"$signature\",\"password\":$(json_string "$password")}" "$out/cookies.txt")
    printf '%s' "$login" | json_member csrfToken > "$out/csrf-token"
    echo "logged in; cookie in $out/cookies.txt, CSRF token in $out/csrf-token"
    curl -sS -b "$out/cookies.txt" "$url/api/session"
    echo
    ;;
  *) usage >&2; exit 2 ;;
esac
