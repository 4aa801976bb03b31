/*
 * pacer-tool: the thin client behind Pacer's crm_attribute, crm_master, attrd_updater and
 * crm_node. Resource agents call these inside every monitor, so a call must cost far less than a
 * JVM start: this program sends its name, arguments and OCF_RESOURCE_INSTANCE to the resident
 * controller over its local socket, prints the answer and exits with the command's exit code.
 * The commands themselves (parsing, output, exit codes) live in the controller
 * (org.pacer.crmd.tools), one implementation for every caller.
 *
 * Protocol: Pacer's local-socket framing, a 4-byte big-endian length then a JSON envelope; a
 * HELLO first, then one REQUEST of type "crmd.tool".
 *
 * Called as crm_mon it prints the one-shot view the controller renders.
 *
 * The socket is $PACER_ROOT/run/pacer/crmd.sock (PACER_ROOT defaults to /).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define EXIT_NOT_CONNECTED 102
#define EXIT_ERROR 1
#define MAX_FRAME (64u * 1024u * 1024u)

/* ---- a growable buffer ---- */

typedef struct {
    char *data;
    size_t len, cap;
} buf_t;

static void buf_grow(buf_t *b, size_t more) {
    if (b->len + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (b->len + more + 1 > cap) cap *= 2;
        b->data = realloc(b->data, cap);
        if (!b->data) { perror("pacer-tool"); exit(EXIT_ERROR); }
        b->cap = cap;
    }
}

static void buf_add(buf_t *b, const char *s, size_t n) {
    buf_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_str(buf_t *b, const char *s) { buf_add(b, s, strlen(s)); }

/* Appends s as a JSON string literal. */
static void buf_json(buf_t *b, const char *s) {
    buf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        switch (*p) {
        case '"': buf_add(b, "\\\"", 2); break;
        case '\\': buf_add(b, "\\\\", 2); break;
        case '\n': buf_add(b, "\\n", 2); break;
        case '\r': buf_add(b, "\\r", 2); break;
        case '\t': buf_add(b, "\\t", 2); break;
        default:
            if (*p < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", *p);
                buf_add(b, esc, 6);
            } else {
                buf_add(b, (const char *)p, 1);
            }
        }
    }
    buf_add(b, "\"", 1);
}

/* ---- just enough JSON reading for the answer ---- */

static const char *ws(const char *p) {
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    return p;
}

static void put_utf8(buf_t *out, unsigned cp) {
    char u[4];
    if (cp < 0x80) { u[0] = (char)cp; buf_add(out, u, 1); }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); buf_add(out, u, 2); }
    else if (cp < 0x10000) { u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[2] = (char)(0x80 | (cp & 0x3F)); buf_add(out, u, 3); }
    else { u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); buf_add(out, u, 4); }
}

static int hex4(const char *p, unsigned *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        *v <<= 4;
        if (c >= '0' && c <= '9') *v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') *v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') *v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    return 0;
}

/* Reads a string literal at p (decoded into out when out is not NULL); NULL on bad input. */
static const char *read_string(const char *p, buf_t *out) {
    if (*p != '"') return NULL;
    for (p++; *p && *p != '"'; p++) {
        if (*p != '\\') { if (out) buf_add(out, p, 1); continue; }
        p++;
        char c = *p;
        unsigned cp;
        switch (c) {
        case 'n': if (out) buf_add(out, "\n", 1); break;
        case 't': if (out) buf_add(out, "\t", 1); break;
        case 'r': if (out) buf_add(out, "\r", 1); break;
        case 'b': if (out) buf_add(out, "\b", 1); break;
        case 'f': if (out) buf_add(out, "\f", 1); break;
        case 'u':
            if (hex4(p + 1, &cp) < 0) return NULL;
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
                unsigned lo;
                if (hex4(p + 3, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (out) put_utf8(out, cp);
            break;
        case '\0': return NULL;
        default: if (out) buf_add(out, &c, 1);
        }
    }
    return *p == '"' ? p + 1 : NULL;
}

static const char *skip_value(const char *p);

static const char *skip_container(const char *p, char close) {
    p = ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
        if (close == '}') {
            p = read_string(p, NULL);
            if (!p) return NULL;
            p = ws(p);
            if (*p != ':') return NULL;
            p = ws(p + 1);
        }
        p = skip_value(p);
        if (!p) return NULL;
        p = ws(p);
        if (*p == ',') { p = ws(p + 1); continue; }
        return *p == close ? p + 1 : NULL;
    }
}

static const char *skip_value(const char *p) {
    p = ws(p);
    if (*p == '"') return read_string(p, NULL);
    if (*p == '{') return skip_container(p, '}');
    if (*p == '[') return skip_container(p, ']');
    if (!*p) return NULL;
    while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n') p++;
    return p;
}

/* Finds key in the object at p; returns a pointer to its value or NULL. */
static const char *member(const char *p, const char *key) {
    p = ws(p);
    if (*p != '{') return NULL;
    p = ws(p + 1);
    while (*p == '"') {
        buf_t k = {0};
        p = read_string(p, &k);
        if (!p) { free(k.data); return NULL; }
        p = ws(p);
        if (*p != ':') { free(k.data); return NULL; }
        p = ws(p + 1);
        int match = k.data && strcmp(k.data, key) == 0;
        free(k.data);
        if (match) return p;
        p = skip_value(p);
        if (!p) return NULL;
        p = ws(p);
        if (*p == ',') p = ws(p + 1);
    }
    return NULL;
}

/* ---- the socket ---- */

static int write_all(int fd, const char *d, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, d, n);
        if (w < 0) { if (errno == EINTR) continue; return -1; }
        d += w; n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, char *d, size_t n) {
    while (n > 0) {
        ssize_t r = read(fd, d, n);
        if (r < 0) { if (errno == EINTR) continue; return -1; }
        if (r == 0) return -1;
        d += r; n -= (size_t)r;
    }
    return 0;
}

static int send_frame(int fd, const buf_t *json) {
    unsigned char len[4] = {(unsigned char)(json->len >> 24), (unsigned char)(json->len >> 16),
                            (unsigned char)(json->len >> 8), (unsigned char)json->len};
    return write_all(fd, (const char *)len, 4) || write_all(fd, json->data, json->len) ? -1 : 0;
}

static char *read_frame(int fd) {
    unsigned char len[4];
    if (read_all(fd, (char *)len, 4) < 0) return NULL;
    uint32_t n = ((uint32_t)len[0] << 24) | ((uint32_t)len[1] << 16) | ((uint32_t)len[2] << 8) | len[3];
    if (n > MAX_FRAME) return NULL;
    char *d = malloc(n + 1);
    if (!d || read_all(fd, d, n) < 0) { free(d); return NULL; }
    d[n] = '\0';
    return d;
}

/* What Pacemaker's commands print when their daemon is not there. */
static int not_connected(const char *tool, const char *why) {
    if (strcmp(tool, "crm_attribute") == 0 || strcmp(tool, "crm_master") == 0)
        fprintf(stderr, "crm_attribute: Could not connect to the CIB: %s\n", why);
    else if (strcmp(tool, "crm_mon") == 0)
        fprintf(stderr, "crm_mon: Connection to cluster failed: %s\n", why);
    else if (strcmp(tool, "attrd_updater") == 0)
        fprintf(stderr, "attrd_updater: Could not connect to attrd: %s\n", why);
    else
        fprintf(stderr, "error: Could not connect to controller: %s\n", why);
    return EXIT_NOT_CONNECTED;
}

int main(int argc, char **argv) {
    const char *tool = strrchr(argv[0], '/');
    tool = tool ? tool + 1 : argv[0];
    if (strcmp(tool, "pacer-tool") == 0) {
        if (argc < 2) {
            fprintf(stderr, "usage: pacer-tool COMMAND [ARGS...] (or call it as crm_attribute, "
                            "crm_master, attrd_updater, crm_node)\n");
            return 64;
        }
        tool = argv[1];
        argv++;
        argc--;
    }

    const char *root = getenv("PACER_ROOT");
    if (!root || !*root) root = "/";
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    int n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s%srun/pacer/crmd.sock", root,
                     root[strlen(root) - 1] == '/' ? "" : "/");
    if (n < 0 || (size_t)n >= sizeof addr.sun_path) {
        fprintf(stderr, "%s: socket path under PACER_ROOT=%s is too long\n", tool, root);
        return EXIT_ERROR;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        return not_connected(tool, strerror(errno));
    /* A daemon that stops answering must not hang an agent's monitor. */
    struct timeval tv = {.tv_sec = 60};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    buf_t hello = {0};
    buf_str(&hello, "{\"kind\":\"HELLO\",\"id\":1,\"sender\":");
    buf_json(&hello, tool);
    buf_str(&hello, ",\"body\":{\"client\":");
    buf_json(&hello, tool);
    buf_str(&hello, "}}");
    buf_t req = {0};
    buf_str(&req, "{\"kind\":\"REQUEST\",\"type\":\"crmd.tool\",\"id\":2,\"sender\":");
    buf_json(&req, tool);
    buf_str(&req, ",\"body\":{\"tool\":");
    buf_json(&req, tool);
    buf_str(&req, ",\"args\":[");
    for (int i = 1; i < argc; i++) {
        if (i > 1) buf_add(&req, ",", 1);
        buf_json(&req, argv[i]);
    }
    buf_str(&req, "],\"env\":{");
    const char *rsc = getenv("OCF_RESOURCE_INSTANCE");
    if (rsc) {
        buf_str(&req, "\"OCF_RESOURCE_INSTANCE\":");
        buf_json(&req, rsc);
    }
    buf_str(&req, "}}}");

    /* Both frames at once: the server answers the HELLO, then the request. */
    if (send_frame(fd, &hello) < 0 || send_frame(fd, &req) < 0)
        return not_connected(tool, strerror(errno));
    char *hello_answer = read_frame(fd);
    if (!hello_answer) return not_connected(tool, "the controller closed the connection");
    const char *kind = member(hello_answer, "kind");
    if (!kind || strncmp(kind, "\"RESPONSE\"", 10) != 0) {
        const char *msg = member(hello_answer, "body");
        buf_t text = {0};
        if (msg) msg = member(msg, "message");
        if (msg) read_string(msg, &text);
        fprintf(stderr, "%s: the controller refused this client: %s\n", tool,
                text.data ? text.data : hello_answer);
        return EXIT_NOT_CONNECTED;
    }
    char *answer = read_frame(fd);
    close(fd);
    if (!answer) return not_connected(tool, "the controller closed the connection");

    kind = member(answer, "kind");
    const char *body = member(answer, "body");
    if (!kind || !body) {
        fprintf(stderr, "%s: unreadable answer from the controller\n", tool);
        return EXIT_ERROR;
    }
    if (strncmp(kind, "\"RESPONSE\"", 10) != 0) {
        buf_t text = {0};
        const char *msg = member(body, "message");
        if (msg) read_string(msg, &text);
        fprintf(stderr, "%s: %s\n", tool, text.data ? text.data : body);
        return EXIT_ERROR;
    }
    buf_t out = {0}, err = {0};
    const char *o = member(body, "out");
    const char *e = member(body, "err");
    const char *rc = member(body, "rc");
    if (o) read_string(o, &out);
    if (e) read_string(e, &err);
    if (out.len) fwrite(out.data, 1, out.len, stdout);
    if (err.len) fwrite(err.data, 1, err.len, stderr);
    return rc ? atoi(rc) : EXIT_ERROR;
}
