/*
 * The NAME=VALUE decoding of the lease cases, on a buffer: the fuzzers
 * and t/src/lease-dump.c share it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"

static char	*names[FZ_VARS_MAX], *values[FZ_VARS_MAX];
static int	 nvars;

const char *
fz_env_get(const char *name)
{
	int	 i;

	for (i = 0; i < nvars; i++)
		if (strcmp(names[i], name) == 0)
			return values[i];
	return NULL;
}

/* \n, \t, \\ and \xHH (one or two hex digits) stand for their byte. */
static void
unescape(char *s)
{
	char		*out = s;
	unsigned int	 byte;
	int		 used;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] == 'n')
			*out++ = '\n', s += 2;
		else if (s[0] == '\\' && s[1] == 't')
			*out++ = '\t', s += 2;
		else if (s[0] == '\\' && s[1] == '\\')
			*out++ = '\\', s += 2;
		else if (s[0] == '\\' && s[1] == 'x' &&
		    sscanf(s + 2, "%2x%n", &byte, &used) == 1)
			*out++ = (char)byte, s += 2 + used;
		else
			*out++ = *s++;
	}
	*out = '\0';
}

void
fz_env_load(const uint8_t *data, size_t size, char event[FZ_EVENT_MAX])
{
	const uint8_t	*end = data + size, *nl;
	char		*line, *eq;
	size_t		 len;

	fz_env_free();
	snprintf(event, FZ_EVENT_MAX, "bound");
	while (data < end && nvars < FZ_VARS_MAX) {
		nl = memchr(data, '\n', (size_t)(end - data));
		len = (nl != NULL ? nl : end) - data;
		if ((line = malloc(len + 1)) == NULL)
			abort();
		memcpy(line, data, len);
		line[len] = '\0';
		data += len + (nl != NULL);

		if (sscanf(line, "# event: %31s", event) == 1 ||
		    line[0] == '#' || (eq = strchr(line, '=')) == NULL) {
			free(line);
			continue;
		}
		*eq = '\0';
		names[nvars] = line;
		values[nvars] = eq + 1;
		unescape(values[nvars++]);
	}
}

void
fz_env_free(void)
{
	while (nvars > 0)
		free(names[--nvars]);
}
