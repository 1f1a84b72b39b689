/* OpenBLAS's CBLAS interface; pkg-config adds the openblas-pthread include path. */
#include <cblas.h>
