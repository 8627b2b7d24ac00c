// The one header through which Redress reaches libxlsxwriter (Debian: libxlsxwriter-dev).
// Nothing outside RedressSpreadsheet imports CXLSX.
#include <xlsxwriter.h>
