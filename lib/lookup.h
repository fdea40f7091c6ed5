/*
 * lookup: the one DNS lookup a hook makes, for an LNS given by name, with
 * a time bound that the resolver itself does not offer.
 */
#ifndef UH_LOOKUP_H
#define UH_LOOKUP_H

#include <netinet/in.h>

/*
 * The address xl2tpd would dial for host: the dotted quad itself, at
 * once whatever timeout_ms, or the first address gethostbyname(3) gives
 * for the name, in the order of the hosts file or of the DNS answer
 * (xl2tpd 1.3 dials that one).  Returns 0, or -1 and errno: ENOENT (no
 * IPv4 address for the name, or the resolver gave up), ETIMEDOUT (no
 * answer in timeout_ms; at once when timeout_ms <= 0), ENOMEM, EAGAIN
 * (no thread could be made).  The lookup runs in a thread (no child
 * process); after a timeout that thread may still be running, with
 * storage of its own, until it ends or the process exits.  The program
 * must be linked with -pthread.
 */
int	uh_lookup_ipv4(const char *host, struct in_addr *out, int timeout_ms);

#endif
