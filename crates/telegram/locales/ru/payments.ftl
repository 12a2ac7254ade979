# ru: payments messages (see ../ru.ftl for the core screens)
