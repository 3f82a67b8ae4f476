"""A minimal FastCGI client (the responder role, one request per
connection, as nginx talks to the pools): enough to ask one pool directly,
bypassing every web server, with the parameters of nginx/fastcgi_params."""
import socket
import struct

VERSION = 1
BEGIN_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 3, 4, 5, 6, 7
RESPONDER = 1


def _record(kind, content, request_id=1):
    return struct.pack("!BBHHBx", VERSION, kind, request_id, len(content), 0) + content


def _length(n):
    return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)


def _params(pairs):
    body = b""
    for k, v in pairs.items():
        k, v = k.encode(), v.encode()
        body += _length(len(k)) + _length(len(v)) + k + v
    return body


def _connect(address, timeout):
    if isinstance(address, tuple):
        s = socket.create_connection(address, timeout=timeout)
    else:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        s.connect(address)
    return s


def encode(path, method="GET", query="", body=b"", headers=None):
    """One whole request as the bytes a web server sends."""
    params = {
        "REQUEST_METHOD": method, "DOCUMENT_URI": path, "QUERY_STRING": query,
        "CONTENT_TYPE": "application/x-www-form-urlencoded" if body else "",
        "CONTENT_LENGTH": str(len(body)) if body else "",
        "REQUEST_SCHEME": "http", "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "GATEWAY_INTERFACE": "CGI/1.1",
    }
    params.update(headers or {})
    out = _record(BEGIN_REQUEST, struct.pack("!HB5x", RESPONDER, 0))
    out += _record(PARAMS, _params(params)) + _record(PARAMS, b"")
    if body:
        out += _record(STDIN, body)
    out += _record(STDIN, b"")
    return out


def request(address, path, method="GET", query="", body=b"", headers=None, timeout=15):
    """Sends one request to a FastCGI socket (a unix socket path or a
    (host, port) pair); returns (status, headers as a list of pairs, body)."""
    s = _connect(address, timeout)
    try:
        s.sendall(encode(path, method, query, body, headers))
        return read_response(s, address)
    finally:
        s.close()


def read_response(s, address=""):
    """Reads a response to its end from connected socket `s`: (status,
    headers as a list of pairs, body)."""
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    stdout, ended, i = b"", False, 0
    while i + 8 <= len(data):
        _, kind, _, length, padding = struct.unpack("!BBHHB", data[i:i + 7])
        content = data[i + 8:i + 8 + length]
        i += 8 + length + padding
        if kind == STDOUT:
            stdout += content
        elif kind == END_REQUEST:
            ended = True
    if not ended:
        raise ConnectionError(f"no END_REQUEST from {address}")
    head, _, body = stdout.partition(b"\r\n\r\n")
    status, pairs = 200, []
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        else:
            pairs.append((name, value.strip()))
    return status, pairs, body
