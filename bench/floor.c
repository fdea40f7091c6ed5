/*
 * floor: a program that does nothing, built as the hooks are (same
 * compiler, flags and libraries).  Its run time is what starting any
 * program costs: the floor under a hook's time (bench.sh).
 */
int
main(void)
{
	return 0;
}
