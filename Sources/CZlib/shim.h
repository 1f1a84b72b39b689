// zlib from Debian's zlib1g-dev, for decompressing gzip data files.
#include <zlib.h>
