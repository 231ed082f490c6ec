/* mha_dclass.h: the head-dim classes, the one list of them: the head dims with kernels of
 * their own (a compile-time d), class 0 being "any d". The runtime's tables are indexed by
 * class; the generator (gen/driver.lua) reads this list to declare every family's head-dim
 * axis and the default table's rows, and it is part of the template hash (Makefile). */
#ifndef MHA_DCLASS_H
#define MHA_DCLASS_H

#define MHA__DCLASS_LIST(X) X(0) X(32) X(64) X(80) X(96) X(128) X(256)
enum { MHA__DCLASS_COUNT = 7 };

#endif /* MHA_DCLASS_H */
