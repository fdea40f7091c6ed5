/*
 * Parse the udhcpc environment.  udhcpc sanitises only a few options
 * (hostname, domain) and even that can be compiled out: every value is
 * checked here as if it came straight from the DHCP server.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lease.h"

#define LIST_MAX	4096	/* longest list value we look at */
/* musl ignores longer resolv.conf lines */
#define RESOLV_LINE_MAX	255

static void note(struct uh_lease *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

static void
note(struct uh_lease *l, const char *var, const char *fmt, ...)
{
	struct uh_note	*n;
	va_list		 ap;
	char		*p;

	if (l->nnote == UH_NOTE_MAX)
		n = &l->note[UH_NOTE_MAX - 1];
	else
		n = &l->note[l->nnote++];
	n->var = var;
	va_start(ap, fmt);
	vsnprintf(n->why, sizeof(n->why), fmt, ap);
	va_end(ap);

	/* The value quoted may hold anything the server sent. */
	for (p = n->why; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
}

/*
 * A value as a note quotes it: the first 40 bytes, so that the reason
 * after it is never cut off.  Four buffers: up to four per note.
 */
static const char *
shorten(const char *v)
{
	static char	 buf[4][48];
	static int	 next;
	char		*b = buf[next++ % 4];

	if (strlen(v) <= 40)
		return v;
	snprintf(b, sizeof(buf[0]), "%.37s...", v);
	return b;
}

/*
 * A unicast address a host may be given or sent to: not 0.0.0.0/8, not
 * loopback, not multicast or class E, not the limited broadcast.
 */
static int
unicast(struct in_addr a)
{
	uint32_t	 h = ntohl(a.s_addr);

	return (h >> 24) != 0 && (h >> 24) != 127 && (h >> 28) < 14;
}

int
uh_check_unicast(struct in_addr a)
{
	return unicast(a) ? 0 : -1;
}

/* Only the four-decimal form: no octal, hex or short forms. */
int
uh_parse_ipv4(const char *s, struct in_addr *out)
{
	unsigned long	 addr = 0, octet;
	int		 i, digits;

	for (i = 0; i < 4; i++) {
		if (i > 0 && *s++ != '.')
			return -1;
		octet = 0;
		for (digits = 0; *s >= '0' && *s <= '9'; digits++, s++)
			octet = octet * 10 + (unsigned long)(*s - '0');
		if (digits == 0 || digits > 3 || octet > 255)
			return -1;
		if (digits > 1 && s[-digits] == '0')
			return -1;
		addr = addr << 8 | octet;
	}
	if (*s != '\0')
		return -1;
	out->s_addr = htonl((uint32_t)addr);
	return 0;
}

static int
name_byte_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * A DNS name as RFC 1035 and 1123 allow it in a hostname or search list:
 * labels of 1 to 63 letters, digits, '-' (not leading or trailing) and,
 * as resolvers accept it, '_'; 253 bytes at most; one trailing dot.
 * udhcpc's marker for a value it rejected, "bad", is no name.
 */
int
uh_check_name(const char *s)
{
	size_t	 len = strlen(s), label = 0, i;

	if (len == 0 || len > UH_NAME_MAX || strcmp(s, "bad") == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (label == 0 || s[i - 1] == '-')
				return -1;
			label = 0;
			continue;
		}
		if (!name_byte_ok((unsigned char)s[i]))
			return -1;
		if (label == 0 && s[i] == '-')
			return -1;
		if (++label > 63)
			return -1;
	}
	if (label > 0 && s[len - 1] == '-')
		return -1;
	return 0;
}

/*
 * A host name (RFC 1123 section 2.1, RFC 952): a DNS name of letters,
 * digits and '-' alone, with no trailing dot, as sethostname(2) should
 * get it and hostname(1) would take it; never all digits and dots, the
 * form of an address.
 */
int
uh_check_hostname(const char *s)
{
	size_t	 len = strlen(s);

	if (uh_check_name(s) == -1 || strchr(s, '_') != NULL ||
	    s[len - 1] == '.' || strspn(s, "0123456789.") == len)
		return -1;
	return 0;
}

int
uh_check_ifname(const char *s)
{
	size_t	 len = strlen(s), i;

	if (len == 0 || len >= IF_NAMESIZE)
		return -1;
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return -1;
	for (i = 0; i < len; i++)
		if (s[i] == '/' || s[i] == ':' || (unsigned char)s[i] <= ' ' ||
		    (unsigned char)s[i] >= 0x7f)
			return -1;
	return 0;
}

const char *
uh_ntoa(struct in_addr a)
{
	static char	 buf[4][INET_ADDRSTRLEN];
	static int	 next;
	char		*b = buf[next++ % 4];

	inet_ntop(AF_INET, &a, b, INET_ADDRSTRLEN);
	return b;
}

/* The prefix length of a contiguous netmask, or -1. */
static int
netmask_prefix(struct in_addr mask)
{
	uint32_t	 m = ntohl(mask.s_addr);
	int		 len = 0;

	while (len < 32 && (m & (0x80000000u >> len)))
		len++;
	if (len < 32 && (m << len) != 0)
		return -1;
	return len;
}

static uint32_t
prefix_mask(int len)
{
	return len == 0 ? 0 : 0xffffffffu << (32 - len);
}

/* Split a copy of value on runs of blanks; returns the word count. */
static int
split_words(char *buf, char **word, int max)
{
	char	*p = buf;
	int	 n = 0;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (n == max) {
			/* The words read so far stay usable. */
			*p = '\0';
			return -1;
		}
		word[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	return n;
}

/* Copy value for splitting; NULL (noted) when it is too long. */
static char *
list_copy(struct uh_lease *l, const char *var, const char *value)
{
	char	*buf;

	if (strlen(value) >= LIST_MAX) {
		note(l, var, "list longer than %d bytes, ignored", LIST_MAX);
		return NULL;
	}
	buf = strdup(value);
	if (buf == NULL)
		note(l, var, "%s", strerror(errno));
	return buf;
}

/* A list of addresses: good ones kept, bad ones named in one note. */
static int
parse_addr_list(struct uh_lease *l, const char *var, const char *value,
    struct in_addr *out, int max)
{
	char		*buf, *word[64], bad[100] = "";
	int		 nword, i, n = 0, dropped = 0, unnamed = 0;
	struct in_addr	 a;

	if ((buf = list_copy(l, var, value)) == NULL)
		return 0;
	if ((nword = split_words(buf, word, 64)) < 0) {
		note(l, var, "more than 64 entries: only the first 64 read");
		nword = 64;
	}
	for (i = 0; i < nword; i++) {
		if (uh_parse_ipv4(word[i], &a) == 0 && unicast(a)) {
			if (n < max)
				out[n++] = a;
			else
				dropped++;
			continue;
		}
		/* Three shortened names fit; the others are counted. */
		if (strlen(bad) + strlen(shorten(word[i])) + 5 < sizeof(bad))
			snprintf(bad + strlen(bad), sizeof(bad) - strlen(bad),
			    "%s'%s'", bad[0] ? ", " : "", shorten(word[i]));
		else
			unnamed++;
	}
	if (bad[0] != '\0')
		note(l, var, "not unicast IPv4 addresses, skipped: %s%s", bad,
		    unnamed ? " and more" : "");
	if (dropped > 0)
		note(l, var, "only the first %d used, %d more ignored", max,
		    dropped);
	free(buf);
	return n;
}

static void
parse_search(struct uh_lease *l, const char *value)
{
	char	*buf, *word[UH_SEARCH_MAX];
	int	 nword, i;
	size_t	 len;

	if ((buf = list_copy(l, "search", value)) == NULL)
		return;
	nword = split_words(buf, word, UH_SEARCH_MAX);
	if (nword < 0) {
		note(l, "search", "more than %d names, option ignored",
		    UH_SEARCH_MAX);
		free(buf);
		return;
	}
	/* One bad name means a confused or hostile server: drop it all. */
	for (i = 0; i < nword; i++)
		if (uh_check_name(word[i]) == -1) {
			note(l, "search", "'%s' is not a DNS name, option "
			    "ignored", shorten(word[i]));
			free(buf);
			return;
		}
	/* "search" and the names on one line of at most 255 bytes. */
	for (i = 0, len = 6; i < nword; i++) {
		if ((len += strlen(word[i]) + 1) > RESOLV_LINE_MAX) {
			note(l, "search", "'%s' and after left out: "
			    "resolv.conf lines stop at %d bytes",
			    shorten(word[i]),
			    RESOLV_LINE_MAX);
			break;
		}
		snprintf(l->search[i], sizeof(l->search[i]), "%s", word[i]);
	}
	l->nsearch = i;
	free(buf);
}

static void
parse_name(struct uh_lease *l, const char *var, const char *value,
    char *out, size_t size)
{
	if (uh_check_name(value) == -1) {
		note(l, var, "'%s' is not a DNS name, ignored",
		    shorten(value));
		return;
	}
	if (strlen(value) >= size) {
		note(l, var, "'%s' is longer than %zu bytes, ignored",
		    shorten(value), size - 1);
		return;
	}
	memcpy(out, value, strlen(value) + 1);
}

/* "NET/LEN" with no host bits set. */
static int
parse_prefix(const char *s, struct in_addr *dst, int *len)
{
	char		 net[INET_ADDRSTRLEN];
	const char	*slash = strchr(s, '/');
	char		*end;
	long		 n;

	if (slash == NULL || (size_t)(slash - s) >= sizeof(net))
		return -1;
	memcpy(net, s, (size_t)(slash - s));
	net[slash - s] = '\0';
	if (uh_parse_ipv4(net, dst) == -1)
		return -1;
	if (slash[1] < '0' || slash[1] > '9' ||
	    (slash[1] == '0' && slash[2] != '\0'))
		return -1;
	errno = 0;
	n = strtol(slash + 1, &end, 10);
	if (*end != '\0' || n < 0 || n > 32 || errno != 0)
		return -1;
	if ((ntohl(dst->s_addr) & ~prefix_mask((int)n)) != 0)
		return -1;
	*len = (int)n;
	return 0;
}

/*
 * A next hop of the lease: not our own address, nor the network or
 * broadcast address of our prefix (the kernel refuses the one and
 * routes to ourselves through the other).
 */
static int
gateway_ok(const struct uh_lease *l, struct in_addr gw)
{
	uint32_t	 host = ntohl(gw.s_addr) & ~prefix_mask(l->prefix);

	if (gw.s_addr == l->ip.s_addr)
		return 0;
	if (l->prefix > 30 || ((gw.s_addr ^ l->ip.s_addr) &
	    htonl(prefix_mask(l->prefix))) != 0)
		return 1;
	return host != 0 && host != ~prefix_mask(l->prefix);
}

static int
sroute_dup(const struct uh_sroute *sr, int n, const struct uh_sroute *r)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (sr[i].dst.s_addr == r->dst.s_addr && sr[i].len == r->len)
			return 1;
	return 0;
}

/*
 * Option 121 (or 249) as udhcpc prints it: "NET/LEN GW" pairs.  RFC 3442
 * routes replace the router option, so a half-read list would route
 * wrongly: any fault refuses the whole option.
 */
static int
parse_sroutes(struct uh_lease *l, const char *var, const char *value)
{
	char		*buf, *word[2 * UH_SROUTE_MAX];
	int		 nword, i;
	struct uh_sroute *r;

	if ((buf = list_copy(l, var, value)) == NULL)
		return -1;
	nword = split_words(buf, word, 2 * UH_SROUTE_MAX);
	if (nword <= 0 || nword % 2 != 0) {
		note(l, var, nword < 0 ? "more than %d routes, option ignored"
		    : "not NET/LEN GW pairs, option ignored", UH_SROUTE_MAX);
		free(buf);
		return -1;
	}
	for (i = 0; i < nword; i += 2) {
		r = &l->sroute[i / 2];
		if (parse_prefix(word[i], &r->dst, &r->len) == -1 ||
		    uh_parse_ipv4(word[i + 1], &r->gw) == -1 ||
		    (r->gw.s_addr != 0 && (!unicast(r->gw) ||
		    !gateway_ok(l, r->gw))) ||
		    sroute_dup(l->sroute, i / 2, r)) {
			note(l, var, "bad or repeated route '%s %s', option "
			    "ignored", shorten(word[i]), shorten(word[i + 1]));
			free(buf);
			return -1;
		}
	}
	l->nsroute = nword / 2;
	free(buf);
	return 0;
}

/* The prefix of the address's class (A, B or C): unicast() was checked. */
static int
class_prefix(struct in_addr a)
{
	uint32_t	 h = ntohl(a.s_addr);

	if ((h >> 31) == 0)
		return 8;
	return (h >> 30) == 2 ? 16 : 24;
}

static int
parse_number(const char *s, unsigned long max, unsigned long *out)
{
	char		*end;
	unsigned long	 n;

	/* Decimal as udhcpc prints it: no sign, no leading zero. */
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (*end != '\0' || errno != 0 || n > max)
		return -1;
	*out = n;
	return 0;
}

static void
parse_mtu(struct uh_lease *l, const char *value)
{
	unsigned long	 n;

	if (parse_number(value, 65535, &n) == -1 || n < UH_MTU_FLOOR) {
		note(l, "mtu", "'%s' is not an MTU from %d to 65535, ignored",
		    shorten(value), UH_MTU_FLOOR);
		return;
	}
	l->mtu = (int)n;
}

/* Address and prefix: without them nothing can be applied. */
static int
parse_address(struct uh_lease *l, uh_getvar get)
{
	const char	*ip = get("ip"), *subnet = get("subnet");
	const char	*mask = get("mask"), *brd = get("broadcast");
	struct in_addr	 m;
	unsigned long	 n;

	if (ip == NULL || uh_parse_ipv4(ip, &l->ip) == -1 ||
	    !unicast(l->ip)) {
		note(l, "ip", ip ? "'%s' is not a unicast IPv4 address" :
		    "missing%s", ip ? shorten(ip) : "");
		return -1;
	}
	if (subnet != NULL) {
		if (uh_parse_ipv4(subnet, &m) == -1 ||
		    (l->prefix = netmask_prefix(m)) == -1) {
			note(l, "subnet", "'%s' is not a netmask",
			    shorten(subnet));
			return -1;
		}
		if (mask != NULL && parse_number(mask, 32, &n) == -1) {
			note(l, "mask", "'%s' is not a prefix length",
			    shorten(mask));
			return -1;
		}
		if (mask != NULL && (int)n != l->prefix) {
			note(l, "mask", "'%s' does not match subnet %s", mask,
			    subnet);
			return -1;
		}
	} else if (mask != NULL) {
		if (parse_number(mask, 32, &n) == -1) {
			note(l, "mask", "'%s' is not a prefix length",
			    shorten(mask));
			return -1;
		}
		l->prefix = (int)n;
	} else {
		/* RFC 2131 makes option 1 optional; clients fall back on
		 * the class of the address, as dhcpcd does. */
		l->prefix = class_prefix(l->ip);
		note(l, "subnet", "missing: the class default /%d taken",
		    l->prefix);
	}

	/* A shorter prefix is a server's mistake, not a network. */
	if (l->prefix < UH_PREFIX_MIN) {
		note(l, "subnet", "a /%d prefix is no lease (at least /%d)",
		    l->prefix, UH_PREFIX_MIN);
		return -1;
	}
	if (l->prefix <= 30 && (((ntohl(l->ip.s_addr) &
	    ~prefix_mask(l->prefix)) == 0) ||
	    (ntohl(l->ip.s_addr) | prefix_mask(l->prefix)) == 0xffffffffu)) {
		note(l, "ip", "%s is the network or broadcast address of "
		    "its /%d", ip, l->prefix);
		return -1;
	}

	/* As "ip addr add ... brd +": none on /31 and /32 (RFC 3021). */
	if (l->prefix <= 30)
		l->brd.s_addr = htonl(ntohl(l->ip.s_addr) |
		    ~prefix_mask(l->prefix));
	if (brd == NULL)
		return 0;
	if (uh_parse_ipv4(brd, &m) == -1)
		note(l, "broadcast", "'%s' is not an IPv4 address, ignored",
		    shorten(brd));
	else if (m.s_addr != l->brd.s_addr)
		/* Any other address would be taken as a broadcast by the
		 * kernel: the router's, say, and then nothing routes. */
		note(l, "broadcast", "%s is not the broadcast address of "
		    "%s/%d, ignored", shorten(brd), uh_ntoa(l->ip), l->prefix);
	return 0;
}

/* Routers that cannot be next hops are dropped, and named. */
static void
routers_check(struct uh_lease *l)
{
	char	 bad[96] = "";
	size_t	 len;
	int	 i, n = 0;

	for (i = 0; i < l->nrouter; i++) {
		if (gateway_ok(l, l->router[i])) {
			l->router[n++] = l->router[i];
			continue;
		}
		len = strlen(bad);
		snprintf(bad + len, sizeof(bad) - len, "%s%s", len ? ", " : "",
		    uh_ntoa(l->router[i]));
	}
	if (n < l->nrouter)
		note(l, "router", "our address or the network or broadcast "
		    "address of %s/%d, skipped: %s", uh_ntoa(l->ip), l->prefix,
		    bad);
	l->nrouter = n;
}

static void
parse_options(struct uh_lease *l, uh_getvar get)
{
	const char	*v;
	unsigned long	 n;

	if ((v = get("router")) != NULL) {
		l->nrouter = parse_addr_list(l, "router", v, l->router,
		    UH_ROUTER_MAX);
		routers_check(l);
	}
	if ((v = get("dns")) != NULL)
		l->ndns = parse_addr_list(l, "dns", v, l->dns, UH_DNS_MAX);
	if ((v = get("domain")) != NULL)
		parse_name(l, "domain", v, l->domain,
		    RESOLV_LINE_MAX - 7 + 1);
	if ((v = get("search")) != NULL)
		parse_search(l, v);
	if ((v = get("hostname")) != NULL && uh_check_hostname(v) == -1)
		note(l, "hostname", "'%s' is not a host name, ignored",
		    shorten(v));
	else if (v != NULL)
		parse_name(l, "hostname", v, l->hostname,
		    sizeof(l->hostname));
	if ((v = get("mtu")) != NULL)
		parse_mtu(l, v);
	if ((v = get("lease")) != NULL) {
		if (parse_number(v, 0xffffffffUL, &n) == 0)
			l->lease_time = n;
		else
			note(l, "lease", "'%s' is not a number", shorten(v));
	}

	/*
	 * RFC 3442: the Microsoft option 249 only when 121 is absent; a
	 * refused 121 counts as absent.
	 */
	if ((v = get("staticroutes")) != NULL &&
	    parse_sroutes(l, "staticroutes", v) == 0)
		return;
	if ((v = get("msstaticroutes")) != NULL)
		parse_sroutes(l, "msstaticroutes", v);
}

int
uh_lease_parse(struct uh_lease *l, const char *event, uh_getvar get)
{
	const char	*ifname = get("interface");

	memset(l, 0, sizeof(*l));
	if (ifname == NULL || uh_check_ifname(ifname) == -1) {
		note(l, "interface", ifname ? "'%s' is not an interface name"
		    : "missing%s", ifname ? shorten(ifname) : "");
		return -1;
	}
	memcpy(l->ifname, ifname, strlen(ifname) + 1);

	if (strcmp(event, "bound") != 0 && strcmp(event, "renew") != 0)
		return 0;
	if (parse_address(l, get) == -1)
		return -1;
	parse_options(l, get);
	return 0;
}
