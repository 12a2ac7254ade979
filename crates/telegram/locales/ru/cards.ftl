# ru: cards messages (see ../ru.ftl for the core screens)
