# ru: notices messages (see ../ru.ftl for the core screens)
