// RedressEngine
