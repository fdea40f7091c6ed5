/*
 * resolv-write PATH TEXT: write TEXT to PATH as the hooks write
 * resolv.conf, and print how (unchanged, renamed, in place) or the error.
 * resolv-write -loop PATH TEXT1 TEXT2: alternate for ever (t/40-resolv.t
 * kills it at random points).
 * resolv-write -n N PATH TEXT...: N writes, the TEXTs in turn; silent but
 * for an error (several run at once in t/40-resolv.t).
 * resolv-write -watch PATH TEXT...: read PATH as a resolver would until
 * SIGTERM, then print how many reads saw what (classify()); the first
 * odd read of each kind goes to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "resolv.h"

static const char *const how[] = { "unchanged", "renamed", "in place" };

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	stop = 1;
}

enum { WHOLE, PADDED, NULTAIL, OTHER, NUL, SHORT };

/* Whether buf is one of texts followed by nothing but '\n' (or NUL). */
static int
text_then(const char *buf, size_t n, char *const texts[], int ntexts,
    int nul)
{
	size_t	 len, i;
	int	 t;

	for (t = 0; t < ntexts; t++) {
		len = strlen(texts[t]);
		if (n < len || memcmp(buf, texts[t], len) != 0)
			continue;
		for (i = len; i < n; i++)
			if (buf[i] != '\n' && (!nul || buf[i] != '\0'))
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * WHOLE: one of texts; PADDED: one followed by blank lines (an in-place
 * write before its truncate); NULTAIL: one followed by NUL bytes (a read
 * racing the truncate, which zeroes what it cuts off); NUL: NUL bytes
 * anywhere else; OTHER: anything else (old and new bytes mixed); SHORT:
 * shorter than every text, empty say (what a truncate before the write
 * would show).
 */
static int
classify(const char *buf, size_t n, char *const texts[], int ntexts)
{
	int	 t;

	for (t = 0; t < ntexts; t++)
		if (n >= strlen(texts[t]))
			break;
	if (t == ntexts)
		return SHORT;
	if (memchr(buf, '\0', n) != NULL)
		return text_then(buf, n, texts, ntexts, 1) ? NULTAIL : NUL;
	for (t = 0; t < ntexts; t++)
		if (n == strlen(texts[t]) && memcmp(buf, texts[t], n) == 0)
			return WHOLE;
	return text_then(buf, n, texts, ntexts, 0) ? PADDED : OTHER;
}

/* The first read of an odd kind, escaped, on stderr. */
static void
show(const char *kind, const char *buf, size_t n)
{
	size_t	 i;

	fprintf(stderr, "first %s read (%zu bytes): ", kind, n);
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			fputs("\\0", stderr);
		else if (buf[i] == '\n')
			fputs("\\n", stderr);
		else
			fputc(buf[i], stderr);
	fputc('\n', stderr);
}

static int
watch(const char *path, char *const texts[], int ntexts)
{
	static const char *const name[] = { "whole", "padded", "nultail",
	    "other", "nul", "short" };
	char		 buf[2 * UH_RESOLV_MAX];
	unsigned long	 count[6] = { 0 }, reads = 0;
	struct sigaction sa;
	ssize_t		 n;
	int		 fd, c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	while (!stop) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			continue;
		n = read(fd, buf, sizeof(buf));
		close(fd);
		if (n < 0)
			continue;
		c = classify(buf, (size_t)n, texts, ntexts);
		if (c != WHOLE && count[c] == 0)
			show(name[c], buf, (size_t)n);
		count[c]++;
		reads++;
	}
	printf("reads=%lu", reads);
	for (c = 0; c < 6; c++)
		printf(" %s=%lu", name[c], count[c]);
	printf("\n");
	return 0;
}

int
main(int argc, char *argv[])
{
	int	 ret, i, n;

	if (argc == 5 && strcmp(argv[1], "-loop") == 0) {
		for (i = 0;; i++)
			if (uh_resolv_write(argv[2], argv[3 + i % 2],
			    strlen(argv[3 + i % 2])) == -1)
				return 1;
	}
	if (argc >= 5 && strcmp(argv[1], "-n") == 0) {
		n = atoi(argv[2]);
		for (i = 0; i < n; i++)
			if (uh_resolv_write(argv[3], argv[4 + i % (argc - 4)],
			    strlen(argv[4 + i % (argc - 4)])) == -1) {
				printf("error: %s\n", strerror(errno));
				return 1;
			}
		return 0;
	}
	if (argc >= 4 && strcmp(argv[1], "-watch") == 0)
		return watch(argv[2], argv + 3, argc - 3);
	if (argc != 3) {
		fprintf(stderr, "usage: resolv-write [-loop | -n N | -watch] "
		    "PATH TEXT...\n");
		return 64;
	}
	if ((ret = uh_resolv_write(argv[1], argv[2], strlen(argv[2]))) == -1) {
		printf("error: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", how[ret]);
	return 0;
}
