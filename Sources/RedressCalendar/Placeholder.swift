// RedressCalendar
