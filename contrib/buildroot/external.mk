include $(sort $(wildcard $(BR2_EXTERNAL_AMP_OOT_PATH)/package/*/*.mk))
