# fa: payments messages (see ../fa.ftl for the core screens)
