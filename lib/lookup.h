/*
 * lookup: the one DNS lookup a hook makes, for an LNS given by name, with
 * a time bound that getaddrinfo(3) itself does not offer.
 */
#ifndef UH_LOOKUP_H
#define UH_LOOKUP_H

#include <netinet/in.h>

/*
 * The address xl2tpd would dial for host: the literal itself, or the
 * first IPv4 address of the name.  Returns 0, or -1 and errno: ENOENT (no
 * IPv4 address for the name), ETIMEDOUT (no answer in timeout_ms), fork
 * and pipe errors.
 */
int	uh_lookup_ipv4(const char *host, struct in_addr *out, int timeout_ms);

#endif
