# fa: notices messages (see ../fa.ftl for the core screens)
