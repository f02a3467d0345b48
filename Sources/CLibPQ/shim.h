// libpq, PostgreSQL's own client library (Debian's libpq-dev), for the PostgreSQL state backend.
#ifndef FEEDWATCH_CLIBPQ_SHIM_H
#define FEEDWATCH_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
