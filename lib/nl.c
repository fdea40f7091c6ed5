/*
 * rtnetlink through libmnl.  One socket per hook run; each request is
 * sent with NLM_F_ACK and its answer read before the next, so errors map
 * to the request that caused them.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <libmnl/libmnl.h>

#include "nl.h"

/* Big enough for one request and for a dump of one link's addresses. */
#define NL_BUFSIZE	8192

int
uh_nl_open(struct uh_nl *nl)
{
	/* Close-on-exec: xl2tpd, started by a hook, must not inherit it. */
	nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (nl->sock == NULL)
		return -1;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) == -1) {
		mnl_socket_close(nl->sock);
		nl->sock = NULL;
		return -1;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned int)time(NULL);
	return 0;
}

void
uh_nl_close(struct uh_nl *nl)
{
	if (nl->sock != NULL)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

static struct nlmsghdr *
request_new(struct uh_nl *nl, char *buf, int type, int flags)
{
	struct nlmsghdr	*nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = (unsigned short)type;
	nlh->nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
	nlh->nlmsg_seq = ++nl->seq;
	return nlh;
}

/* Send nlh and run cb over the answer until the ACK or NLMSG_DONE. */
static int
request_send(struct uh_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char	 buf[NL_BUFSIZE];
	ssize_t	 n;
	int	 ret;

	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) == -1)
		return -1;
	do {
		n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
		if (n == -1)
			return -1;
		ret = mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, nl->portid,
		    cb, data);
	} while (ret == MNL_CB_OK);
	return ret == MNL_CB_STOP ? 0 : -1;
}

/*
 * promote_secondaries of the link itself, from IFLA_AF_SPEC's AF_INET
 * part: IFLA_INET_CONF holds the link's ipv4_devconf as an array of u32,
 * entry i - 1 for IPV4_DEVCONF_ i.
 */
static int
link_promote(const struct nlattr *spec)
{
	const struct nlattr	*af, *conf;
	const uint32_t		*v;

	mnl_attr_for_each_nested(af, spec) {
		if (mnl_attr_get_type(af) != AF_INET)
			continue;
		mnl_attr_for_each_nested(conf, af) {
			if (mnl_attr_get_type(conf) != IFLA_INET_CONF ||
			    mnl_attr_get_payload_len(conf) <
			    IPV4_DEVCONF_PROMOTE_SECONDARIES * 4)
				continue;
			v = mnl_attr_get_payload(conf);
			return v[IPV4_DEVCONF_PROMOTE_SECONDARIES - 1] != 0;
		}
	}
	return -1;
}

static int
link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifinfomsg	*ifi = mnl_nlmsg_get_payload(nlh);
	struct uh_link		*out = data;
	struct nlattr		*attr;

	out->flags = ifi->ifi_flags;
	mnl_attr_for_each(attr, nlh, sizeof(*ifi)) {
		if (mnl_attr_get_type(attr) == IFLA_MTU &&
		    mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			out->mtu = mnl_attr_get_u32(attr);
		else if (mnl_attr_get_type(attr) == IFLA_AF_SPEC &&
		    mnl_attr_validate(attr, MNL_TYPE_NESTED) == 0)
			out->promote = link_promote(attr);
	}
	return MNL_CB_STOP;
}

int
uh_link_get(struct uh_nl *nl, unsigned int ifindex, struct uh_link *out)
{
	char			 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr		*nlh;
	struct ifinfomsg	*ifi;

	out->flags = out->mtu = 0;
	out->promote = -1;
	nlh = request_new(nl, buf, RTM_GETLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	return request_send(nl, nlh, link_cb, out);
}

static struct nlmsghdr *
link_request(struct uh_nl *nl, char *buf, unsigned int ifindex)
{
	struct nlmsghdr		*nlh;
	struct ifinfomsg	*ifi;

	nlh = request_new(nl, buf, RTM_NEWLINK, NLM_F_ACK);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	return nlh;
}

int
uh_link_set_up(struct uh_nl *nl, unsigned int ifindex)
{
	char			 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr		*nlh = link_request(nl, buf, ifindex);
	struct ifinfomsg	*ifi = mnl_nlmsg_get_payload(nlh);

	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	return request_send(nl, nlh, NULL, NULL);
}

int
uh_link_set_promote(struct uh_nl *nl, unsigned int ifindex, int on)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh = link_request(nl, buf, ifindex);
	struct nlattr	*spec, *af, *conf;

	spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
	af = mnl_attr_nest_start(nlh, AF_INET);
	conf = mnl_attr_nest_start(nlh, IFLA_INET_CONF);
	mnl_attr_put_u32(nlh, IPV4_DEVCONF_PROMOTE_SECONDARIES, on != 0);
	mnl_attr_nest_end(nlh, conf);
	mnl_attr_nest_end(nlh, af);
	mnl_attr_nest_end(nlh, spec);
	return request_send(nl, nlh, NULL, NULL);
}

int
uh_link_set_mtu(struct uh_nl *nl, unsigned int ifindex, unsigned int mtu)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh = link_request(nl, buf, ifindex);

	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	return request_send(nl, nlh, NULL, NULL);
}

struct addr_dump {
	unsigned int	 ifindex;
	struct uh_addr	*out;
	int		 n, max;
	int		 total;
};

static int
addr_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifaddrmsg	*ifa = mnl_nlmsg_get_payload(nlh);
	struct addr_dump	*d = data;
	struct uh_addr		*a;
	struct nlattr		*attr;
	int			 type;

	/* Older kernels ignore the filter in the request: check here. */
	if (ifa->ifa_family != AF_INET || ifa->ifa_index != d->ifindex)
		return MNL_CB_OK;
	if (d->total++ == INT_MAX || d->n == d->max)
		return MNL_CB_OK;
	a = &d->out[d->n];
	memset(a, 0, sizeof(*a));
	a->ifindex = ifa->ifa_index;
	a->prefix = ifa->ifa_prefixlen;
	mnl_attr_for_each(attr, nlh, sizeof(*ifa)) {
		type = mnl_attr_get_type(attr);
		if (type == IFA_LABEL &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(a->label, sizeof(a->label), "%s",
			    mnl_attr_get_str(attr));
		if ((type != IFA_LOCAL && type != IFA_BROADCAST) ||
		    mnl_attr_validate2(attr, MNL_TYPE_BINARY, 4) == -1)
			continue;
		memcpy(type == IFA_LOCAL ? &a->local : &a->brd,
		    mnl_attr_get_payload(attr), 4);
	}
	d->n++;
	return MNL_CB_OK;
}

int
uh_addr_list(struct uh_nl *nl, unsigned int ifindex, struct uh_addr *out,
    int max)
{
	char			 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr		*nlh;
	struct ifaddrmsg	*ifa;
	struct addr_dump	 d = { ifindex, out, 0, max, 0 };

	nlh = request_new(nl, buf, RTM_GETADDR, NLM_F_DUMP);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_index = ifindex;
	if (request_send(nl, nlh, addr_cb, &d) == -1)
		return -1;
	return d.total;
}

static struct nlmsghdr *
addr_request(struct uh_nl *nl, char *buf, int type, int flags,
    const struct uh_addr *a)
{
	struct nlmsghdr		*nlh;
	struct ifaddrmsg	*ifa;

	nlh = request_new(nl, buf, type, NLM_F_ACK | flags);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)a->prefix;
	ifa->ifa_index = a->ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, 4, &a->local);
	mnl_attr_put(nlh, IFA_ADDRESS, 4, &a->local);
	if (a->label[0] != '\0') {
		/* The buffer is not cleared: the attribute's padding is. */
		memset(mnl_nlmsg_get_payload_tail(nlh), 0,
		    MNL_ATTR_HDRLEN + MNL_ALIGN(sizeof(a->label)));
		mnl_attr_put_strz(nlh, IFA_LABEL, a->label);
	}
	return nlh;
}

int
uh_addr_replace(struct uh_nl *nl, const struct uh_addr *a)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh;

	nlh = addr_request(nl, buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE,
	    a);
	if (a->brd.s_addr != 0)
		mnl_attr_put(nlh, IFA_BROADCAST, 4, &a->brd);
	return request_send(nl, nlh, NULL, NULL);
}

int
uh_addr_del(struct uh_nl *nl, const struct uh_addr *a)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];

	return request_send(nl, addr_request(nl, buf, RTM_DELADDR, 0, a), NULL,
	    NULL);
}

static struct nlmsghdr *
route_request(struct uh_nl *nl, char *buf, int type, int flags,
    const struct uh_route *r)
{
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;

	nlh = request_new(nl, buf, type, NLM_F_ACK | flags);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)r->len;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = r->protocol;
	rtm->rtm_type = RTN_UNICAST;
	if (r->len > 0)
		mnl_attr_put(nlh, RTA_DST, 4, &r->dst);
	mnl_attr_put_u32(nlh, RTA_OIF, r->ifindex);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, r->metric);
	if (r->gw.s_addr != 0)
		mnl_attr_put(nlh, RTA_GATEWAY, 4, &r->gw);
	return nlh;
}

static int
route_new(struct uh_nl *nl, const struct uh_route *r, int flags)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;

	nlh = route_request(nl, buf, RTM_NEWROUTE, flags, r);
	rtm = mnl_nlmsg_get_payload(nlh);
	rtm->rtm_scope = r->gw.s_addr != 0 ? RT_SCOPE_UNIVERSE :
	    RT_SCOPE_LINK;
	if (r->onlink)
		rtm->rtm_flags |= RTNH_F_ONLINK;
	return request_send(nl, nlh, NULL, NULL);
}

int
uh_route_add(struct uh_nl *nl, const struct uh_route *r)
{
	/* APPEND, not REPLACE: a REPLACE would take another link's route. */
	return route_new(nl, r, NLM_F_CREATE | NLM_F_APPEND);
}

/*
 * An APPEND without CREATE changes nothing: the kernel answers EEXIST
 * when the very same route is there and ENOENT when it is not, which
 * tells without a dump (fib_table_insert()).
 */
int
uh_route_exists(struct uh_nl *nl, const struct uh_route *r)
{
	if (route_new(nl, r, NLM_F_APPEND) == 0)
		return errno = EPROTO, -1;
	if (errno == EEXIST)
		return 1;
	return errno == ENOENT ? 0 : -1;
}

int
uh_route_del(struct uh_nl *nl, const struct uh_route *r)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;

	nlh = route_request(nl, buf, RTM_DELROUTE, 0, r);
	rtm = mnl_nlmsg_get_payload(nlh);
	rtm->rtm_scope = RT_SCOPE_NOWHERE;	/* any scope */
	return request_send(nl, nlh, NULL, NULL);
}
