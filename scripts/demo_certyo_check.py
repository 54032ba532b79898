#!/usr/bin/env python3
"""Independent checks for scripts/demo-certyo.sh, standard library only.

  demo_certyo_check.py hash RECORD_JSON_FILE ANSWER_JSON_FILE
      recomputes recordHash = SHA-256 of the RFC 8785 (JCS) form of
      {tenantId, database, collection, recordId, recordVersion ("1" by default), recordPayload}
      and compares it with the 202 answer.
  demo_certyo_check.py proof RECORD_JSON_FILE VERIFY_JSON_FILE
      recomputes the RFC 6962 root from recordHash, leafIndex, treeSize and proof (RFC 9162 section 2.1.3.2)
      and compares it with merkleRoot; the leaf is SHA-256(0x00 || recordHash bytes).
"""
import hashlib
import json
import math
import sys


def jcs(value):
    """RFC 8785 for the JSON this demo sends (objects, arrays, strings, integers, simple floats, literals)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return es_number(value)
    if isinstance(value, str):
        out = ['"']
        for ch in value:
            code = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif code < 0x20:
                short = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
                out.append(short.get(ch, "\\u%04x" % code))
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(value, list):
        return "[" + ",".join(jcs(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code unit order
        return "{" + ",".join(jcs(k) + ":" + jcs(value[k]) for k in keys) + "}"
    raise TypeError(f"not JSON: {type(value).__name__}")


def es_number(value):
    """ECMAScript Number::toString from Python's shortest round-trip digits (repr)."""
    if not math.isfinite(value):
        raise ValueError("JSON numbers must be finite")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    text = repr(abs(value))
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    n = len(whole.lstrip("0")) + int(exponent or 0) if whole.strip("0") else int(exponent or 0) - (len(fraction) - len(fraction.lstrip("0")))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))


def record_hash(record):
    hashed = {name: record[name] for name in ("tenantId", "database", "collection", "recordId", "recordPayload")}
    hashed["recordVersion"] = record.get("recordVersion") or "1"
    canonical = jcs(hashed)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest(), canonical


def root_from_proof(leaf_index, tree_size, leaf_hash, proof):
    """RFC 9162 section 2.1.3.2, written from the RFC text (not from this project's C# code)."""
    if leaf_index >= tree_size:
        return None
    fn, sn, r = leaf_index, tree_size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def main():
    mode, record_file, answer_file = sys.argv[1:4]
    with open(record_file, encoding="utf-8") as f:
        record = json.load(f)
    with open(answer_file, encoding="utf-8") as f:
        answer = json.load(f)
    expected, canonical = record_hash(record)

    if mode == "hash":
        print(f"  JCS form:             {canonical}")
        print(f"  independent SHA-256:  {expected}")
        print(f"  sandbox recordHash:   {answer['recordHash']}")
        ok = answer["recordHash"] == expected
    elif mode == "proof":
        leaf = hashlib.sha256(b"\x00" + bytes.fromhex(answer["recordHash"])).digest()
        proof = [bytes.fromhex(p) for p in answer["proof"]]
        root = root_from_proof(answer["leafIndex"], answer["treeSize"], leaf, proof)
        print(f"  leafIndex {answer['leafIndex']} of treeSize {answer['treeSize']}, proof of {len(proof)} hashes")
        print(f"  recomputed root:      {root.hex() if root else None}")
        print(f"  sandbox merkleRoot:   {answer['merkleRoot']}")
        ok = answer["verified"] is True and answer["recordHash"] == expected and root is not None and root.hex() == answer["merkleRoot"]
    else:
        raise SystemExit(f"unknown mode {mode}")

    print("  OK" if ok else "  MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
