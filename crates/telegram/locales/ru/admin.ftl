# ru: admin messages (see ../ru.ftl for the core screens)
