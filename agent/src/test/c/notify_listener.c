/*
 * Test helper: a fake systemd $NOTIFY_SOCKET. Binds a unix datagram socket and prints every datagram it receives as
 * one line "<CLOCK_MONOTONIC ms> <payload with newlines as |>", flushed, until it has been idle for IDLE_S seconds or
 * has run MAX_S seconds (bounded either way).
 *
 *   notify_listener SOCKET_PATH IDLE_S MAX_S      (SOCKET_PATH "@name" binds in the abstract namespace)
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
    struct sockaddr_un addr;
    socklen_t addr_len;
    size_t len;
    int fd;
    long long start, last;
    int idle_ms, max_ms;
    char buf[4096];

    if (argc != 4) {
        fprintf(stderr, "usage: notify_listener SOCKET_PATH IDLE_S MAX_S\n");
        return 64;
    }
    len = strlen(argv[1]);
    if (len < 2 || len >= sizeof addr.sun_path) {
        fprintf(stderr, "notify_listener: socket path [%s] must be 2..107 bytes\n", argv[1]);
        return 64;
    }
    idle_ms = atoi(argv[2]) * 1000;
    max_ms = atoi(argv[3]) * 1000;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, argv[1], len);
    addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
    if (argv[1][0] == '@') {
        addr.sun_path[0] = '\0';
        addr_len--;
    }
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, addr_len) != 0) {
        fprintf(stderr, "notify_listener: bind [%s] failed: %s\n", argv[1], strerror(errno));
        return 71;
    }
    printf("listening %s\n", argv[1]);
    fflush(stdout);
    start = last = now_ms();
    while (now_ms() - start < max_ms && now_ms() - last < idle_ms) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, 100);
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "notify_listener: poll failed: %s\n", strerror(errno));
            break;
        }
        if (r > 0) {
            ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
            if (n < 0) {
                continue;
            }
            buf[n] = '\0';
            for (ssize_t i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    buf[i] = '|';
                }
            }
            last = now_ms();
            printf("%lld %s\n", last, buf);
            fflush(stdout);
        }
    }
    close(fd);
    if (argv[1][0] == '/') {
        unlink(argv[1]);
    }
    return 0;
}
