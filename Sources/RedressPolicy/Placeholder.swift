// RedressPolicy
