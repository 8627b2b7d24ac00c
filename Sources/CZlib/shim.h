// The one header through which Redress reaches zlib (Debian: zlib1g-dev), for the deflate
// compression and CRC-32 of xlsx workbooks. Nothing outside RedressFormats imports CZlib.
#include <zlib.h>
